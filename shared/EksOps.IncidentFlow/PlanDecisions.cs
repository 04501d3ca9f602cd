namespace EksOps.IncidentFlow;

/// <summary>The <c>decision</c> of the <c>plan</c> step, which the state machine's <c>Decide</c> choice branches on.</summary>
public static class PlanDecisions
{
    /// <summary>The policy allows the change without a human: apply it.</summary>
    public const string Auto = "auto";

    /// <summary>The policy requires a human's approval of exactly this change first.</summary>
    public const string Approve = "approve";

    /// <summary>Nothing safe to do automatically: hand the incident to a human.</summary>
    public const string Escalate = "escalate";
}
