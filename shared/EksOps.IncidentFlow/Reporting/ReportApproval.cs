namespace EksOps.IncidentFlow;

/// <summary>The human approval of the planned change, where the policy needed one.</summary>
public sealed record ReportApproval
{
    /// <summary>When the approval was requested.</summary>
    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>Whether it was approved; <see langword="null"/> when no answer arrived.</summary>
    public bool? Approved { get; init; }

    /// <summary>Who answered.</summary>
    public string? Approver { get; init; }

    /// <summary>The answer's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>When the answer arrived.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }
}
