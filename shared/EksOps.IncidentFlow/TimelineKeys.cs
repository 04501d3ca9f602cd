namespace EksOps.IncidentFlow;

/// <summary>The incident-store timeline keys the flow writes and reads (<c>statemachine/README.md</c>, "Timeline keys").</summary>
public static class TimelineKeys
{
    /// <summary>The alarm transition (AlarmIngest).</summary>
    public const string Alarm = "alarm";

    /// <summary>The diagnosis: subject, findings, hypotheses, evidence list, budget, digest (and the alarm event diagnosed).</summary>
    public const string Diagnosis = "diagnosis";

    /// <summary>The analysis decision: root cause, confidence, subject, runbook, target, decided by, reason, model usage.</summary>
    public const string Analysis = "analysis";

    /// <summary>The plan: decision, reason, runbook, the unredacted change, patch hash, preview, dry run, rollback.</summary>
    public const string Plan = "plan";

    /// <summary>The approval request (Approval function).</summary>
    public const string ApprovalRequested = "approval-requested";

    /// <summary>The human's answer (Approval function URL): <c>approved</c>, <c>approver</c>, <c>reason</c>, <c>approvalToken</c>.</summary>
    public const string Approval = "approval";

    /// <summary>The applied change: patch hash, before → after, applied at, event id, the inverse patch.</summary>
    public const string Change = "change";

    /// <summary>The verification after the change.</summary>
    public const string Verification = "verification";

    /// <summary>The rollback of the change.</summary>
    public const string Rollback = "rollback";

    /// <summary>The report (<c>report</c> or <c>escalate</c>, whichever ran first).</summary>
    public const string Report = "report";

    /// <summary>The escalation report, when <see cref="Report"/> was already written by a <c>report</c> step that then failed.</summary>
    public const string EscalationReport = "report:escalation";

    /// <summary>The escalation: reason and event id.</summary>
    public const string Escalation = "escalation";

    /// <summary>The resolution: reason and event id.</summary>
    public const string Resolution = "resolution";

    /// <summary>The key of one diagnosis read: <c>tool:E3</c>.</summary>
    /// <param name="evidenceId">The evidence id (<c>E1</c>, <c>E2</c>…).</param>
    /// <returns>The key.</returns>
    public static string ToolCall(string evidenceId) => "tool:" + evidenceId;

    /// <summary>The key of one Bedrock agent run: <c>model:&lt;session id&gt;</c>.</summary>
    /// <param name="sessionId">The agent session.</param>
    /// <returns>The key.</returns>
    public static string ModelCall(string sessionId) => "model:" + sessionId;
}
