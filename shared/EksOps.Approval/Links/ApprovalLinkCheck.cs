namespace EksOps.Approval;

/// <summary>The outcome of <see cref="ApprovalLinkSigner.Verify"/>.</summary>
/// <param name="Status">Valid, or why not.</param>
/// <param name="Reason">One sentence for the person who clicked.</param>
public sealed record ApprovalLinkCheck(ApprovalLinkStatus Status, string Reason)
{
    /// <summary>Whether the link may be used now (single use and the plan's hash are checked against the store afterwards).</summary>
    public bool IsValid => Status == ApprovalLinkStatus.Valid;
}
