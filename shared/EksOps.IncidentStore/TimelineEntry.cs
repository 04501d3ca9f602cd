using System.Text.Json.Nodes;

namespace EksOps.IncidentStore;

/// <summary>One thing that happened in an incident. Entries are unique by <see cref="Key"/>, so a retried step writes its entry once.</summary>
public sealed record TimelineEntry
{
    /// <summary>A key unique within the incident and stable across retries (for example <c>diagnosis</c>, <c>plan</c>, <c>tool:E3</c>).</summary>
    public required string Key { get; init; }

    /// <summary>What kind of thing happened.</summary>
    public required TimelineKind Kind { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>One sentence for a human.</summary>
    public required string Summary { get; init; }

    /// <summary>The details as JSON (bounded by the store: a DynamoDB item holds at most 400 KB).</summary>
    public JsonObject? Data { get; init; }
}
