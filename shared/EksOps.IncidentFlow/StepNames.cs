namespace EksOps.IncidentFlow;

/// <summary>The <c>step</c> values of the task payloads in <c>statemachine/incident.asl.json</c>, by the function that serves them.</summary>
public static class StepNames
{
    /// <summary>Investigate: resolve the subject, read evidence, run the analyzers (payload carries <c>alarm</c>).</summary>
    public const string Diagnose = "diagnose";

    /// <summary>Investigate: decide the root cause and proposal (deterministic, or the Bedrock agent).</summary>
    public const string Analyze = "analyze";

    /// <summary>Investigate: re-check the alarm and the analyzers after a change.</summary>
    public const string Verify = "verify";

    /// <summary>Remediate: plan the proposal as an exact patch with a server-side dry run and apply the policy.</summary>
    public const string Plan = "plan";

    /// <summary>Remediate: apply the planned change once.</summary>
    public const string Apply = "apply";

    /// <summary>Remediate: undo the applied change where the runbook allows it.</summary>
    public const string Rollback = "rollback";

    /// <summary>Report: write the report of a remediated incident (resolved or monitoring).</summary>
    public const string Report = "report";

    /// <summary>Report: hand the incident to a human with a report (payload carries <c>state</c>).</summary>
    public const string Escalate = "escalate";

    /// <summary>The step of the Approval function, which this library does not serve.</summary>
    public const string Request = "request";
}
