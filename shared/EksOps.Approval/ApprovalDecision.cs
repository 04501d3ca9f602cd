namespace EksOps.Approval;

/// <summary>What a human decided about a planned change.</summary>
public enum ApprovalDecision
{
    /// <summary>Apply the change (<c>approve</c> on the wire).</summary>
    Approve,

    /// <summary>Do not apply it; the incident escalates (<c>deny</c> on the wire).</summary>
    Deny,
}
