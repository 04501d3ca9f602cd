using EksOps.Lambda;

namespace EksOps.Tools;

/// <summary>What a face knows about one call besides the tool name and arguments; it hands this to <see cref="ToolRegistry.InvokeAsync"/>.</summary>
public sealed class ToolInvocationContext
{
    /// <summary>
    /// The cluster the call is for (a Bedrock session attribute, an MCP header or <c>_meta</c>, the incident's cluster);
    /// <see langword="null"/> for the registry's default cluster.
    /// </summary>
    public string? ClusterName { get; init; }

    /// <summary>Who is calling.</summary>
    public required ToolCaller Caller { get; init; }

    /// <summary>An approval token for a write, if the caller has one (a session attribute, a header, a Step Functions task input).</summary>
    public string? ApprovalToken { get; init; }

    /// <summary>Cancelled when the call must stop (the Lambda deadline).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The invocation's logger; policy decisions and outcomes are logged here.</summary>
    public required ILambdaLogger Logger { get; init; }

    /// <summary>The invocation's metrics; <c>ToolInvocations</c>, <c>ToolErrors</c> and <c>ToolLatency</c> are recorded here.</summary>
    public required IMetrics Metrics { get; init; }

    /// <summary>The face's own output cap in bytes, if smaller than the tool's (Bedrock's response size); the smaller applies.</summary>
    public int? MaxOutputBytes { get; init; }
}
