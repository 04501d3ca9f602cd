using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.StateMachine.Definition;

/// <summary>
/// <c>DefinitionSubstitutions</c> as SAM and CloudFormation apply them: every <c>${Name}</c> in a string of the
/// definition is replaced by the value given for <c>Name</c>; <c>${!Name}</c> stands for a literal <c>${Name}</c>. A
/// placeholder without a value and a value that no placeholder uses are both errors, so a typo cannot go unnoticed.
/// </summary>
internal static partial class DefinitionSubstitutions
{
    /// <summary>Replaces the placeholders in every string (and member name) of <paramref name="root"/>, in place.</summary>
    /// <exception cref="StateMachineDefinitionException">A placeholder has no value, or a value is unused; the message lists them all.</exception>
    public static JsonNode? Apply(JsonNode? root, IReadOnlyDictionary<string, string> substitutions)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var result = Rewrite(root, substitutions, used, missing);
        var unused = substitutions.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unused.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add("no value for " + string.Join(", ", missing.Select(m => "${" + m + "}")));
            }

            if (unused.Count > 0)
            {
                problems.Add("values given for placeholders the definition does not have: " + string.Join(", ", unused));
            }

            throw new StateMachineDefinitionException(null, "DefinitionSubstitutions", string.Join("; ", problems) + ".");
        }

        return result;
    }

    private static JsonNode? Rewrite(JsonNode? node, IReadOnlyDictionary<string, string> values, HashSet<string> used, SortedSet<string> missing)
    {
        switch (node)
        {
            case JsonObject obj:
                var rewritten = new JsonObject();
                foreach (var (name, value) in obj.ToList())
                {
                    obj.Remove(name);
                    rewritten[Substitute(name, values, used, missing)] = Rewrite(value, values, used, missing);
                }

                return rewritten;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                return new JsonArray([.. items.Select(item => Rewrite(item, values, used, missing))]);
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = value.GetValue<string>();
                var replaced = Substitute(text, values, used, missing);
                return ReferenceEquals(text, replaced) ? value : JsonValue.Create(replaced);
            default:
                return node;
        }
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> values, HashSet<string> used, SortedSet<string> missing)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var output = new StringBuilder();
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            output.Append(text, last, match.Index - last);
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                output.Append("${").Append(name[1..]).Append('}');
            }
            else if (values.TryGetValue(name, out var value))
            {
                used.Add(name);
                output.Append(value);
            }
            else
            {
                missing.Add(name);
                output.Append(match.Value);
            }

            last = match.Index + match.Length;
        }

        output.Append(text, last, text.Length - last);
        return output.ToString();
    }

    [GeneratedRegex(@"\$\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
