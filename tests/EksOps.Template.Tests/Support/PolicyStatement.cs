using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Support;

/// <summary>One IAM policy statement and where it is (for failure messages), after <c>Fn::If</c> branches are taken.</summary>
/// <param name="Where">The resource, policy and statement index, e.g. <c>AlarmIngestRole.Policies[alarm-ingest].Statement[1]</c>.</param>
/// <param name="Statement">The statement.</param>
internal sealed record PolicyStatement(string Where, JsonObject Statement)
{
    /// <summary>Whether the statement allows (rather than denies).</summary>
    public bool Allows => (string?)Statement["Effect"] == "Allow";

    /// <summary>The values of <c>Action</c> (strings, or intrinsics a test must reject).</summary>
    public IReadOnlyList<JsonNode> Actions => [.. Intrinsics.Values(Statement["Action"])];

    /// <summary>The values of <c>Resource</c>.</summary>
    public IReadOnlyList<JsonNode> Resources => [.. Intrinsics.Values(Statement["Resource"])];

    /// <summary>The literal action names (case as written).</summary>
    public IEnumerable<string> ActionNames => Actions.OfType<JsonValue>().Select(a => (string?)a).OfType<string>();

    /// <summary>Whether the statement names <paramref name="action"/> (IAM action names are case-insensitive).</summary>
    public bool Grants(string action) => Allows && ActionNames.Contains(action, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a <c>Resource</c> value is exactly <c>*</c>.</summary>
    public bool OnEveryResource => Resources.Any(r => r is JsonValue value && (string?)value == "*");
}
