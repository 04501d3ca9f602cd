namespace EksOps.Approval.Decisions;

/// <summary>A decision, authenticated by a verified link or by IAM.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Decision">Approve or deny.</param>
/// <param name="Approver">Who decided: the IAM caller's ARN, or the name a link holder gave.</param>
/// <param name="Reason">Why, as the approver wrote it.</param>
/// <param name="Via"><c>link</c> or <c>iam</c>.</param>
/// <param name="PatchHash">The plan the decision is about (a link's; optional for IAM); another plan's hash is refused as stale.</param>
/// <param name="LinkNonce">The link's nonce, consumed once; <see langword="null"/> for IAM.</param>
/// <param name="LinkExpiresAt">The link's expiry (how long its nonce must stay consumed).</param>
/// <param name="SourceIp">The client address, for the record.</param>
internal sealed record DecisionRequest(
    string IncidentId,
    ApprovalDecision Decision,
    string Approver,
    string? Reason,
    string Via,
    string? PatchHash,
    string? LinkNonce,
    DateTimeOffset? LinkExpiresAt,
    string? SourceIp);
