namespace EksOps.Tools.Actions;

/// <summary>An incident as <c>create_incident</c> records it: one item of the incident store, keyed by <see cref="Id"/>.</summary>
public sealed record IncidentRecord
{
    /// <summary>
    /// <c>inc-</c> and 24 hex digits of the SHA-256 of the cluster, title, severity, summary, findings and links: the
    /// same call gives the same id, so a retried call finds the record it made before.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The cluster the incident is in.</summary>
    public required string Cluster { get; init; }

    /// <summary>One-line title.</summary>
    public required string Title { get; init; }

    /// <summary><c>critical</c>, <c>high</c>, <c>medium</c> or <c>low</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>What happened, the root cause and the impact.</summary>
    public required string Summary { get; init; }

    /// <summary>Evidence statements, each citing its source.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Related links.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>When it was first recorded.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who recorded it (the caller's identity).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>The id of the <c>Incident Opened</c> event once it was published; <see langword="null"/> before.</summary>
    public string? EventId { get; init; }
}
