namespace EksOps.IncidentStore;

/// <summary>One incident: what opened it, where it is, and how it stands. The timeline is stored beside it.</summary>
public sealed record IncidentRecord
{
    /// <summary>The incident id: the Step Functions execution name of the alarm transition that opened it.</summary>
    public required string Id { get; init; }

    /// <summary>The key that folds alarms on the same workload into this incident (cluster, namespace, workload).</summary>
    public required string CorrelationKey { get; init; }

    /// <summary>The name of the alarm that opened the incident.</summary>
    public required string AlarmName { get; init; }

    /// <summary>The ARN of the alarm that opened the incident.</summary>
    public required string AlarmArn { get; init; }

    /// <summary>The cluster, when the alarm names one.</summary>
    public string? Cluster { get; init; }

    /// <summary>Where the incident stands.</summary>
    public required IncidentStatus Status { get; init; }

    /// <summary>Why it stands there (the last status change's reason).</summary>
    public string? StatusReason { get; init; }

    /// <summary>When the alarm transition that opened it happened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was resolved or escalated.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The state machine execution working on it, once started.</summary>
    public string? ExecutionArn { get; init; }

    /// <summary>The root cause id, once analyzed.</summary>
    public string? RootCause { get; init; }

    /// <summary>The proposed runbook id, once analyzed.</summary>
    public string? Runbook { get; init; }

    /// <summary>The subject (<c>Kind/namespace/name</c>), once diagnosed.</summary>
    public string? Subject { get; init; }

    /// <summary>How many alarm deliveries joined this incident after the first (storm size).</summary>
    public int CorrelatedAlarms { get; init; }
}
