using System.Text.Json.Nodes;

namespace EksOps.Tools;

/// <summary>A policy decision with its reason: every decision is logged and returned, never silent.</summary>
/// <param name="Verdict">Allow, deny or needs approval.</param>
/// <param name="Rule">A stable id of the rule that decided, for example <c>namespace-denied</c> or <c>approval-required</c>.</param>
/// <param name="Reason">One sentence a human or a model can act on.</param>
public sealed record PolicyDecision(PolicyVerdict Verdict, string Rule, string Reason)
{
    /// <summary>Whether the verdict is <see cref="PolicyVerdict.Allow"/>.</summary>
    public bool IsAllowed => Verdict == PolicyVerdict.Allow;

    /// <summary>The verdict's id as results show it: <c>allow</c>, <c>deny</c>, <c>needs-approval</c>.</summary>
    public string VerdictId => Verdict switch
    {
        PolicyVerdict.Allow => "allow",
        PolicyVerdict.Deny => "deny",
        _ => "needs-approval",
    };

    /// <summary>The decision as JSON: <c>{"verdict", "rule", "reason"}</c>.</summary>
    /// <returns>A new object.</returns>
    public JsonObject ToJson() => new() { ["verdict"] = VerdictId, ["rule"] = Rule, ["reason"] = Reason };

    internal static PolicyDecision Allow(string rule, string reason) => new(PolicyVerdict.Allow, rule, reason);

    internal static PolicyDecision Deny(string rule, string reason) => new(PolicyVerdict.Deny, rule, reason);
}
