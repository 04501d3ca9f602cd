namespace EksOps.Approval;

/// <summary>How approvers prove who they are (<c>EKSOPS_APPROVAL_AUTH</c>).</summary>
public enum ApprovalAuthMode
{
    /// <summary>
    /// <c>link</c> (default): the Approval Requested event carries signed, expiring, single-use approve and deny links;
    /// holding a link is the authority. The Function URL's auth type is <c>NONE</c>.
    /// </summary>
    Link,

    /// <summary>
    /// <c>iam</c>: no links; approvers <c>POST /decisions</c> signed with SigV4, and the IAM caller Lambda verified is the
    /// approver. The Function URL's auth type is <c>AWS_IAM</c>.
    /// </summary>
    Iam,
}
