namespace EksOps.Approval.Internal;

/// <summary>The wire spelling of <see cref="ApprovalDecision"/>: <c>approve</c> and <c>deny</c>.</summary>
internal static class DecisionText
{
    public const string Approve = "approve";

    public const string Deny = "deny";

    public static string Of(ApprovalDecision decision) => decision == ApprovalDecision.Approve ? Approve : Deny;

    public static bool TryParse(string? text, out ApprovalDecision decision)
    {
        switch (text)
        {
            case Approve:
                decision = ApprovalDecision.Approve;
                return true;
            case Deny:
                decision = ApprovalDecision.Deny;
                return true;
            default:
                decision = default;
                return false;
        }
    }
}
