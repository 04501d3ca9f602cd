namespace EksOps.Tools;

/// <summary>The outcome of checking an approval token against a change.</summary>
/// <param name="IsValid">Whether the token approves exactly this change, now.</param>
/// <param name="Reason">Why it does or does not, in one sentence.</param>
/// <param name="Approver">Who approved, when the token could be read.</param>
/// <param name="ExpiresAt">When the approval ends, when the token could be read.</param>
public sealed record ApprovalCheck(bool IsValid, string Reason, string? Approver, DateTimeOffset? ExpiresAt);
