namespace EksOps.Benchmarks.Sizing;

/// <summary>One Lambda function of the suite as the sizing run starts it.</summary>
/// <param name="Project">The project under <c>functions/</c>, the folder of its bootstrap, and <c>&lt;Project&gt;Function</c> in template.yaml.</param>
/// <param name="FunctionName">Its function name here (the state machine names the flow's functions by ARN).</param>
internal sealed record FunctionSpec(string Project, string FunctionName)
{
    public static readonly FunctionSpec AlarmIngest = new("AlarmIngest", "eksops-alarm-ingest");
    public static readonly FunctionSpec Investigate = new("Investigate", "eksops-investigate");
    public static readonly FunctionSpec Remediate = new("Remediate", "eksops-remediate");
    public static readonly FunctionSpec Approval = new("Approval", "eksops-approval");
    public static readonly FunctionSpec Report = new("Report", "eksops-report");
    public static readonly FunctionSpec McpServer = new("McpServer", "eksops-mcp");
    public static readonly FunctionSpec ActionGroup = new("ActionGroup", "eksops-action-group");
    public static readonly FunctionSpec GatewayTarget = new("GatewayTarget", "eksops-gateway-target");

    /// <summary>Every function, in the order the report lists them.</summary>
    public static IReadOnlyList<FunctionSpec> All { get; } = [AlarmIngest, Investigate, Remediate, Approval, Report, McpServer, ActionGroup, GatewayTarget];

    /// <summary>The ARN it is invoked by.</summary>
    public string Arn(string region, string accountId) => $"arn:aws:lambda:{region}:{accountId}:function:{FunctionName}";
}
