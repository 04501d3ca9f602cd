using EksOps.Lambda;

namespace EksOps.Tools.Faces;

/// <summary>
/// What a <see cref="ToolReturnControlExecutor"/> knows about the run it serves: EksOps is the client of the agent, so
/// the cluster, the caller and any approval come from the incident being handled, not from the model.
/// </summary>
public sealed record ReturnControlExecutorOptions
{
    /// <summary>The cluster the actions run against; <see langword="null"/> for the registry's default cluster.</summary>
    public string? ClusterName { get; init; }

    /// <summary>An approval token a human issued for a change (<see cref="ApprovalTokens.Issue"/>); a write that needs approval is applied only when it covers the exact change.</summary>
    public string? ApprovalToken { get; init; }

    /// <summary>Who is running the agent (the function's role, the incident's execution), for policy logs.</summary>
    public required string CallerIdentity { get; init; }

    /// <summary>The logger of the invocation that runs the agent.</summary>
    public required ILambdaLogger Logger { get; init; }

    /// <summary>The metrics of the invocation that runs the agent.</summary>
    public required IMetrics Metrics { get; init; }

    /// <summary>The output cap per result in bytes; the tool's own cap applies when smaller.</summary>
    public int MaxOutputBytes { get; init; } = BedrockActionGroupHandler.DefaultMaxOutputBytes;
}
