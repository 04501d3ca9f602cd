namespace EksOps.Approval;

/// <summary>What the approval function answered when <see cref="LocalApprover"/> clicked a link.</summary>
/// <param name="Decision">The link that was clicked.</param>
/// <param name="StatusCode">The HTTP status the function answered.</param>
/// <param name="Outcome">The function's outcome code: <c>approved</c>, <c>denied</c>, <c>expired</c>, <c>already-decided</c>, …</param>
/// <param name="Message">The function's message for the approver.</param>
public sealed record LocalApprovalResult(ApprovalDecision Decision, int StatusCode, string Outcome, string Message)
{
    /// <summary>Whether the decision was recorded and delivered to the waiting task.</summary>
    public bool Delivered => StatusCode == 200 && Outcome is "approved" or "denied";
}
