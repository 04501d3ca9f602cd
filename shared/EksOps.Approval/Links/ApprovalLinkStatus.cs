namespace EksOps.Approval;

/// <summary>The verdict on an approval link's signature and expiry.</summary>
public enum ApprovalLinkStatus
{
    /// <summary>Signed by a known key and not expired.</summary>
    Valid,

    /// <summary>Signed with a key this deployment does not have (rotated out, or never ours).</summary>
    UnknownKey,

    /// <summary>The signature does not match: a field was altered or the link was never issued.</summary>
    BadSignature,

    /// <summary>Correctly signed, but its expiry (the approval timeout) has passed.</summary>
    Expired,
}
