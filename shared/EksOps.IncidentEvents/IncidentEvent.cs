using System.Text.Json.Nodes;

namespace EksOps.IncidentEvents;

/// <summary>One incident event before it is published.</summary>
public sealed record IncidentEvent
{
    /// <summary>One of <see cref="IncidentEventTypes"/>.</summary>
    public required string DetailType { get; init; }

    /// <summary>The incident it concerns; also written into the detail as <c>incidentId</c>.</summary>
    public required string IncidentId { get; init; }

    /// <summary>The event detail (the README documents each type's schema).</summary>
    public required JsonObject Detail { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>ARNs the event concerns (the alarm, the execution).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];
}
