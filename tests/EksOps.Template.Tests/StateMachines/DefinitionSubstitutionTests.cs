using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.Template.Tests.StateMachines;

/// <summary>
/// Every state machine's DefinitionSubstitutions and the <c>${Name}</c> placeholders of its definition are the same
/// set: a key nothing uses is dead configuration, and a placeholder without a key reaches Step Functions verbatim
/// (a task whose FunctionName is literally <c>${ReportFunctionArn}</c> fails only when it runs).
/// </summary>
public sealed partial class DefinitionSubstitutionTests
{
    public static TheoryData<string> StateMachines =>
        TemplateUnderTest.DecodedRows(t => t.IdsOf("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"));

    [Theory]
    [MemberData(nameof(StateMachines))]
    public void Substitution_keys_and_definition_placeholders_are_the_same_set(string id)
    {
        var template = TemplateUnderTest.Decoded();
        var properties = template.Properties(id);

        var placeholders = Strings(Definition(id, properties))
            .SelectMany(text => Placeholder().Matches(text).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var substitutions = properties["DefinitionSubstitutions"] as JsonObject ?? [];
        var keys = substitutions.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(
            keys.SetEquals(placeholders),
            $"{id}: DefinitionSubstitutions keys no placeholder uses: [{string.Join(", ", keys.Except(placeholders).Order(StringComparer.Ordinal))}]; " +
            $"placeholders without a key: [{string.Join(", ", placeholders.Except(keys).Order(StringComparer.Ordinal))}]");
    }

    /// <summary>The definition as written: inline, or the local file DefinitionUri / DefinitionS3Location names.</summary>
    private static JsonNode Definition(string id, JsonObject properties)
    {
        if (properties["Definition"] is JsonObject inline)
        {
            return inline;
        }

        if (properties["DefinitionString"] is { } text)
        {
            // A DefinitionString built with intrinsics still holds every placeholder among its strings.
            return text is JsonValue value && value.TryGetValue(out string? json) ? Parse(id, json, "DefinitionString") : text;
        }

        var location = properties["DefinitionUri"] ?? properties["DefinitionS3Location"];
        Assert.True(
            location is JsonValue path && path.TryGetValue(out string? _),
            $"{id}: the definition must be inline or a local file so it can be checked, not {Intrinsics.Show(location)}");
        string file = Repository.PathOf((string)location!);
        Assert.True(File.Exists(file), $"{id}: the definition file {location} does not exist");
        return Parse(id, File.ReadAllText(file), (string)location!);
    }

    private static JsonNode Parse(string id, string json, string source)
    {
        try
        {
            return JsonNode.Parse(json) ?? throw new Xunit.Sdk.XunitException($"{id}: {source} is JSON null");
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"{id}: {source} is not JSON: {e.Message}");
        }
    }

    /// <summary>Every string of the definition, member names included: a substitution applies to the whole text.</summary>
    private static IEnumerable<string> Strings(JsonNode definition) => Intrinsics.Strings(definition, includeKeys: true);

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
