using EksOps.Lambda;

namespace EksOps.Tools;

/// <summary>What a tool body gets besides its arguments: the resolved cluster, the caller, the scope the policy allowed, and the invocation's logger, metrics and cancellation.</summary>
public sealed class ToolContext
{
    internal ToolContext(ToolDefinition definition, ClusterInfo cluster, ToolCallScope scope, ToolInvocationContext invocation)
    {
        Definition = definition;
        Cluster = cluster;
        Scope = scope;
        Caller = invocation.Caller;
        ApprovalToken = invocation.ApprovalToken;
        CancellationToken = invocation.CancellationToken;
        Logger = invocation.Logger;
        Metrics = invocation.Metrics;
    }

    /// <summary>The tool being run.</summary>
    public ToolDefinition Definition { get; }

    /// <summary>The cluster the call is for, from the cluster registry.</summary>
    public ClusterInfo Cluster { get; }

    /// <summary>The namespace and class the policy allowed; a body must not act outside this namespace.</summary>
    public ToolCallScope Scope { get; }

    /// <summary>Who is calling.</summary>
    public ToolCaller Caller { get; }

    /// <summary>The approval token the caller presented, if any (the registry checks it; bodies need not).</summary>
    public string? ApprovalToken { get; }

    /// <summary>Cancelled when the call must stop.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The invocation's logger.</summary>
    public ILambdaLogger Logger { get; }

    /// <summary>The invocation's metrics.</summary>
    public IMetrics Metrics { get; }

    /// <summary>A context for calling a body directly in a tool's own tests.</summary>
    /// <param name="definition">The tool.</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="scope">The scope; default the namespace-less scope of the definition's class.</param>
    /// <returns>The context.</returns>
    public static ToolContext ForTesting(ToolDefinition definition, ClusterInfo cluster, ToolInvocationContext invocation, ToolCallScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(invocation);
        return new ToolContext(definition, cluster, scope ?? new ToolCallScope(null, definition.PolicyClass), invocation);
    }
}
