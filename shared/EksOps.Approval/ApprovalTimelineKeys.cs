namespace EksOps.Approval;

/// <summary>The incident-store timeline keys the approval reads and writes (see <c>statemachine/README.md</c>).</summary>
public static class ApprovalTimelineKeys
{
    /// <summary>The plan step's entry: <c>decision</c>, <c>reason</c>, <c>runbook</c>, <c>change</c>, <c>patchHash</c>, <c>preview</c>, <c>dryRun</c>. Read.</summary>
    public const string Plan = "plan";

    /// <summary>The diagnose step's entry, read for the evidence summary.</summary>
    public const string Diagnosis = "diagnosis";

    /// <summary>The analyze step's entry, read for the root cause, confidence and evidence summary.</summary>
    public const string Analysis = "analysis";

    /// <summary>The request step's entry: <c>taskToken</c>, <c>expiresAt</c>, <c>links</c>, <c>eventId</c>. Written once.</summary>
    public const string ApprovalRequested = "approval-requested";

    /// <summary>
    /// Prefix of the entries a retried request step adds when Step Functions handed the retry a new task token
    /// (<c>approval-requested:&lt;token digest&gt;</c>); a decision goes to the newest token.
    /// </summary>
    public const string ApprovalRetryPrefix = "approval-requested:";

    /// <summary>
    /// The decision: <c>approved</c>, <c>outcome</c> (<c>approved</c>, <c>denied</c>, <c>expired</c> or <c>closed</c>), <c>approver</c>,
    /// <c>reason</c>, <c>at</c>, and when approved <c>approvalToken</c> (the policy token for exactly the planned change).
    /// Written once, before Step Functions is told, so the apply step always finds the token.
    /// </summary>
    public const string Approval = "approval";

    /// <summary>
    /// Written when Step Functions refused the callback after the decision was recorded (the task timed out or ended
    /// in the moment between the liveness check and the callback): the decision never reached the flow.
    /// </summary>
    public const string ApprovalUndelivered = "approval-undelivered";
}
