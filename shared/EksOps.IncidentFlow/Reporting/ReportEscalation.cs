namespace EksOps.IncidentFlow;

/// <summary>Why the incident was handed to a human.</summary>
public sealed record ReportEscalation
{
    /// <summary>The reason, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>The error the state machine caught (<c>ApprovalDenied</c>, <c>ApprovalTimedOut</c>, <c>VerificationFailed</c>, a task's exception type), if any.</summary>
    public string? Error { get; init; }

    /// <summary>The error's cause as the state machine recorded it.</summary>
    public string? Cause { get; init; }

    /// <summary>The <c>Incident Escalated</c> event.</summary>
    public string? EventId { get; init; }
}
