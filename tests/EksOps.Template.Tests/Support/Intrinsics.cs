using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.Template.Tests.Support;

/// <summary>
/// Reading CloudFormation intrinsic functions the way the rules need them: every value a property can take (both
/// branches of <c>Fn::If</c>, nothing for <c>AWS::NoValue</c>), and which logical ids a value is derived from.
/// </summary>
internal static partial class Intrinsics
{
    /// <summary>
    /// The values <paramref name="node"/> can take, lists flattened: each <c>Fn::If</c> yields both branches,
    /// <c>AWS::NoValue</c> yields nothing, a list yields its items, anything else (a string, a number, another
    /// intrinsic) yields itself.
    /// </summary>
    public static IEnumerable<JsonNode> Values(JsonNode? node)
    {
        if (node is null || IsNoValue(node))
        {
            yield break;
        }

        if (node is JsonArray array)
        {
            foreach (var item in array.SelectMany(Values))
            {
                yield return item;
            }

            yield break;
        }

        if (IfBranches(node) is { } branches)
        {
            foreach (var value in branches.SelectMany(Values))
            {
                yield return value;
            }

            yield break;
        }

        yield return node;
    }

    /// <summary>The two branches of an <c>Fn::If</c>, or <see langword="null"/> when <paramref name="node"/> is not one.</summary>
    public static IReadOnlyList<JsonNode?>? IfBranches(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && obj["Fn::If"] is JsonArray { Count: 3 } args ? [args[1], args[2]] : null;

    /// <summary>Whether <paramref name="node"/> is <c>{"Ref": "AWS::NoValue"}</c>.</summary>
    public static bool IsNoValue(JsonNode? node) => RefTarget(node) == "AWS::NoValue";

    /// <summary>The target of <c>{"Ref": X}</c>, or <see langword="null"/>.</summary>
    public static string? RefTarget(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && obj["Ref"] is JsonValue value && value.TryGetValue(out string? target) ? target : null;

    /// <summary>The logical id and attribute of <c>{"Fn::GetAtt": [X, A]}</c> (or <c>"X.A"</c>), or <see langword="null"/>.</summary>
    public static (string Id, string Attribute)? GetAtt(JsonNode? node)
    {
        if (node is not JsonObject { Count: 1 } obj || obj["Fn::GetAtt"] is not { } args)
        {
            return null;
        }

        if (args is JsonArray { Count: 2 } pair && pair[0] is JsonValue id && pair[1] is JsonValue attribute)
        {
            return ((string)id!, (string)attribute!);
        }

        return args is JsonValue dotted && ((string?)dotted)?.Split('.', 2) is [var logicalId, var attributeName] ? (logicalId, attributeName) : null;
    }

    /// <summary>
    /// The names <paramref name="node"/> is derived from: every <c>Ref</c> target, every <c>Fn::GetAtt</c> logical id,
    /// and every <c>${Name}</c> or <c>${Name.Attribute}</c> of an <c>Fn::Sub</c> string that is not one of the
    /// Sub's own variables (pseudo parameters such as <c>AWS::Region</c> included).
    /// </summary>
    public static IReadOnlySet<string> ReferencedNames(JsonNode? node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, names);
        return names;
    }

    /// <summary>Every string inside <paramref name="node"/>: values, and the names of object members too when <paramref name="includeKeys"/>.</summary>
    public static IEnumerable<string> Strings(JsonNode? node, bool includeKeys = false)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (includeKeys)
                    {
                        yield return key;
                    }

                    foreach (string text in Strings(value, includeKeys))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (string text in array.SelectMany(item => Strings(item, includeKeys)))
                {
                    yield return text;
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text):
                yield return text;
                break;
        }
    }

    /// <summary>A short JSON rendering of <paramref name="node"/> for failure messages.</summary>
    public static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    [GeneratedRegex(@"\$\{([^}!][^}]*)\}")]
    private static partial Regex SubVariable();

    private static void Collect(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject obj when RefTarget(obj) is { } target:
                names.Add(target);
                break;
            case JsonObject obj when GetAtt(obj) is var (id, _):
                names.Add(id);
                break;
            case JsonObject obj when obj.Count == 1 && obj["Fn::Sub"] is { } sub:
                var (text, variables) = sub switch
                {
                    JsonValue value => ((string?)value, (JsonObject?)null),
                    JsonArray { Count: 2 } args => ((string?)args[0], args[1] as JsonObject),
                    _ => (null, null),
                };
                foreach (Match match in SubVariable().Matches(text ?? string.Empty))
                {
                    string name = match.Groups[1].Value.Split('.')[0];
                    if (variables?.ContainsKey(name) != true)
                    {
                        names.Add(name);
                    }
                }

                foreach (var (_, value) in variables ?? [])
                {
                    Collect(value, names);
                }

                break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, names);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, names);
                }

                break;
        }
    }
}
