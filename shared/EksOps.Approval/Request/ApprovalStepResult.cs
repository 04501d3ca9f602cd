namespace EksOps.Approval;

/// <summary>What the request step returns (the state machine ignores it: the task completes with the decision's callback).</summary>
public sealed record ApprovalStepResult
{
    /// <summary>The incident.</summary>
    public required string IncidentId { get; init; }

    /// <summary>
    /// <c>requested</c> (published and recorded now), <c>already-requested</c> (a retry: nothing published again; a new
    /// task token is recorded), or <c>in-doubt</c> (another invocation claimed the publish and had not recorded it; nothing was published again, the token is recorded).
    /// </summary>
    public required string Outcome { get; init; }

    /// <summary>The id EventBridge gave the Approval Requested event.</summary>
    public string? EventId { get; init; }

    /// <summary>When the approval times out and the links stop working.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
