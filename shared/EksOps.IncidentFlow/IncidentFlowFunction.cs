namespace EksOps.IncidentFlow;

/// <summary>The three Lambda functions the flow's steps are split across (by what they may touch).</summary>
public enum IncidentFlowFunction
{
    /// <summary><c>functions/Investigate</c>: <c>diagnose</c>, <c>analyze</c>, <c>verify</c> (reads only).</summary>
    Investigate,

    /// <summary><c>functions/Remediate</c>: <c>plan</c>, <c>apply</c>, <c>rollback</c> (the only writer to clusters).</summary>
    Remediate,

    /// <summary><c>functions/Report</c>: <c>report</c>, <c>escalate</c> (the store and the event bus only).</summary>
    Report,
}
