using System.Text.Json.Serialization;

namespace EksOps.Aws.Logs;

/// <summary>One field of one result row, e.g. <c>@message</c>.</summary>
public sealed record QueryResultField
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private string _field = string.Empty;

    /// <summary>The field name.</summary>
    [JsonPropertyName("field")]
    public string Field { get => _field; init => _field = value ?? string.Empty; }

    /// <summary>The value, as text.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
