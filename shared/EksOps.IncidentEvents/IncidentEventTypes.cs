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

    /// <summary>
    /// The incident store claim key that makes an event of <paramref name="detailType"/> go out once per incident:
    /// <c>event:</c> and the detail type in lower case with <c>-</c> for spaces (<c>event:incident-opened</c>). Every
    /// publisher of a once-per-incident event claims this key before publishing and completes it with the event id.
    /// </summary>
    /// <param name="detailType">One of the detail types above.</param>
    /// <returns>The claim key.</returns>
    public static string ClaimKey(string detailType)
    {
        ArgumentException.ThrowIfNullOrEmpty(detailType);
        return "event:" + detailType.ToLowerInvariant().Replace(' ', '-');
    }
}
