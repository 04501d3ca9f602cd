namespace EksOps.IncidentEvents;

/// <summary>The <c>source</c> and <c>detail-type</c> values of EksOps incident events, for EventBridge rules to match.</summary>
public static class IncidentEventTypes
{
    /// <summary>The <c>source</c> of every EksOps event.</summary>
    public const string Source = "eksops";

    /// <summary>An alarm opened an incident (published once per incident, not per correlated alarm).</summary>
    public const string IncidentOpened = "Incident Opened";

    /// <summary>A planned change waits for a human: carries the dry-run diff, the evidence summary and the decision links.</summary>
    public const string ApprovalRequested = "Approval Requested";

    /// <summary>A change was applied to the cluster.</summary>
    public const string RemediationApplied = "Remediation Applied";

    /// <summary>The incident is resolved: verification saw recovery or the alarm returned to OK.</summary>
    public const string IncidentResolved = "Incident Resolved";

    /// <summary>The incident was handed to a human, with the report.</summary>
    public const string IncidentEscalated = "Incident Escalated";
}
