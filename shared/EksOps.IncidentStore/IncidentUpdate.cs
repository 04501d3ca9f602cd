namespace EksOps.IncidentStore;

/// <summary>Fields to set on an incident record; <see langword="null"/> leaves a field as it is.</summary>
public sealed record IncidentUpdate
{
    /// <summary>The new status.</summary>
    public IncidentStatus? Status { get; init; }

    /// <summary>Why the status changed.</summary>
    public string? StatusReason { get; init; }

    /// <summary>
    /// Set the status only if the incident is not closed (not <see cref="IncidentStatus.Resolved"/> or
    /// <see cref="IncidentStatus.Escalated"/>), so a late step cannot reopen a closed incident; other fields are still set.
    /// </summary>
    public bool OnlyIfNotClosed { get; init; }

    /// <summary>The execution ARN.</summary>
    public string? ExecutionArn { get; init; }

    /// <summary>The root cause id.</summary>
    public string? RootCause { get; init; }

    /// <summary>The runbook id.</summary>
    public string? Runbook { get; init; }

    /// <summary>The subject.</summary>
    public string? Subject { get; init; }

    /// <summary>When the change is made (sets <see cref="IncidentRecord.UpdatedAt"/>, and <see cref="IncidentRecord.ClosedAt"/> when the status closes it).</summary>
    public required DateTimeOffset At { get; init; }
}
