using System.Text.Json.Nodes;
using EksOps.Lambda;
using EksOps.Tools;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>
/// How the Remediate steps reach <c>execute_runbook</c>: through a <see cref="ToolRegistry"/> over the deployment's
/// clusters and policy (validation, namespace rules, the policy on the exact change with the approval token, logging,
/// metrics, redaction), with the tool bound per call as a <see cref="FlowRunbookHandler"/>.
/// </summary>
internal sealed class RunbookGateway(ToolRegistry registry, IKubernetesClientFactory kubernetes)
{
    private readonly ExecuteRunbookTool _tool = new(kubernetes);

    public ToolRegistry Registry => registry;

    public IKubernetesClientFactory Kubernetes => kubernetes;

    /// <summary>Plans (dry run) the runbook the arguments name; keeps the unredacted plan.</summary>
    public async Task<(ToolResult Result, ToolChangePlan? Plan, ClusterInfo? Cluster)> PlanAsync(JsonObject arguments, ToolCaller caller, string? clusterName, ILambdaContext lambda)
    {
        var handler = new FlowRunbookHandler(_tool, stored: null);
        var call = (JsonObject)arguments.DeepClone();
        call["dryRun"] = true;
        var result = await RegistryFor(handler).InvokeAsync(ToolCatalog.ExecuteRunbook.Name, call, Context(caller, clusterName, null, lambda)).ConfigureAwait(false);
        return (result, handler.Planned, handler.Cluster);
    }

    /// <summary>Applies exactly <paramref name="plan"/> (a stored plan, or an inverse) if the policy allows it with <paramref name="approvalToken"/>; keeps the unredacted result.</summary>
    public async Task<(ToolResult Result, JsonObject? Applied)> ApplyAsync(JsonObject arguments, ToolChangePlan plan, string? approvalToken, ToolCaller caller, ILambdaContext lambda)
    {
        var handler = new FlowRunbookHandler(_tool, plan);
        var call = (JsonObject)arguments.DeepClone();
        call["dryRun"] = false;
        var result = await RegistryFor(handler).InvokeAsync(ToolCatalog.ExecuteRunbook.Name, call, Context(caller, plan.Change.Cluster, approvalToken, lambda)).ConfigureAwait(false);
        return (result, handler.Applied);
    }

    private ToolRegistry RegistryFor(FlowRunbookHandler handler) =>
        new ToolRegistryBuilder(registry.Clusters, registry.Policy)
            .Add(ToolCatalog.ExecuteRunbook)
            .Bind(ToolCatalog.ExecuteRunbook.Name, handler)
            .Build();

    private static ToolInvocationContext Context(ToolCaller caller, string? clusterName, string? approvalToken, ILambdaContext lambda) => new()
    {
        ClusterName = clusterName,
        Caller = caller,
        ApprovalToken = approvalToken,
        Logger = lambda.Logger,
        Metrics = lambda.Metrics,
        CancellationToken = lambda.CancellationToken,
    };
}
