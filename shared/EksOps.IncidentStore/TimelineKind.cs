namespace EksOps.IncidentStore;

/// <summary>The kinds of timeline entries.</summary>
public enum TimelineKind
{
    /// <summary>The alarm transition that opened the incident.</summary>
    Alarm,

    /// <summary>A further alarm delivery folded into the incident (storm dedupe).</summary>
    AlarmCorrelated,

    /// <summary>The diagnosis: subject, findings, hypotheses, evidence summary.</summary>
    Diagnosis,

    /// <summary>One read through the tool registry.</summary>
    ToolCall,

    /// <summary>One model invocation, with its tokens.</summary>
    ModelCall,

    /// <summary>A decision and its reason (analysis, policy).</summary>
    Decision,

    /// <summary>A planned change with its dry run.</summary>
    Plan,

    /// <summary>A human was asked to approve.</summary>
    ApprovalRequested,

    /// <summary>A human approved or denied.</summary>
    Approval,

    /// <summary>A change applied to the cluster.</summary>
    Change,

    /// <summary>The verification after a change.</summary>
    Verification,

    /// <summary>A change rolled back.</summary>
    Rollback,

    /// <summary>The incident report.</summary>
    Report,

    /// <summary>The incident was handed to a human.</summary>
    Escalation,

    /// <summary>The incident was resolved.</summary>
    Resolution,

    /// <summary>An event published (its id).</summary>
    Event,

    /// <summary>Anything else worth keeping.</summary>
    Note,
}
