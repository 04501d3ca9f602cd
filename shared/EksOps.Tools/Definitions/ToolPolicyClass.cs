namespace EksOps.Tools;

/// <summary>What a tool call may do, for the policy (<see cref="ToolPolicy"/>): read, read something sensitive, or change something.</summary>
public enum ToolPolicyClass
{
    /// <summary>Reads cluster or CloudWatch state that is not sensitive. Allowed in every environment, subject to namespace rules.</summary>
    Read,

    /// <summary>
    /// Reads something that may carry secrets or personal data: logs, events, Secret objects. Allowed only where the
    /// deployment enables sensitive reads (<see cref="ToolPolicyOptions.SensitiveReadsEnabled"/>).
    /// </summary>
    SensitiveRead,

    /// <summary>
    /// Changes something. The tool is planned first (a server-side dry run that yields the exact change) and applied only
    /// when the policy allows that change, with an approval token bound to it where approval is required.
    /// </summary>
    Write,
}
