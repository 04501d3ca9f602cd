using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Diagnosis;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentFlow.Remediation;
using EksOps.Incidents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;
using RunbookBounds = EksOps.Tools.Actions.RunbookBounds;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>plan</c> (Remediate): turns the analysis' proposal into an exact change with a server-side dry run (the code of
/// <c>execute_runbook</c>, through the registry) and decides with the policy whether it runs by itself, waits for a
/// human, or escalates; writes the <c>plan</c> entry with the unredacted change an approval token binds to.
/// </summary>
/// <remarks>
/// <para>Decision rules, in order (the first that applies decides):</para>
/// <list type="number">
/// <item><description><c>escalate</c>: the proposal is <c>escalate</c>, names no object (or the whole cluster), or the
/// analysis confidence is below <see cref="IncidentFlowOptions.MinConfidenceToAct"/>.</description></item>
/// <item><description><c>escalate</c>: the plan fails — a parameter cannot be worked out, the target is missing or of the
/// wrong kind, the change is out of the runbook's bounds or changes nothing, the dry run is refused by the API server,
/// the namespace is denied, the API server cannot be reached.</description></item>
/// <item><description><c>escalate</c>: the policy denies the exact change (writes disabled with
/// <c>EKSOPS_WRITES_ENABLED=false</c>, namespace rules).</description></item>
/// <item><description><c>approve</c>: the policy needs an approval bound to the change (every write in production,
/// the default policy's approval writes in staging and development, every write with
/// <c>EKSOPS_APPROVAL_FOR_ALL_WRITES=true</c>) — unless the deployment has no approval key, then <c>escalate</c>, since
/// no approval could ever be accepted.</description></item>
/// <item><description><c>auto</c>: the policy allows the change without approval.</description></item>
/// </list>
/// <para>Parameters: <c>restart-rollout</c> gets <c>restartedAt</c> = the incident's opening time (so planning twice gives
/// one patch); <c>scale-deployment</c> adds half the current replicas (at least one, at most
/// <see cref="RunbookBounds.MaxReplicas"/>); the limit runbooks and <c>raise-hpa-max</c> take the tool's default step
/// (×1.5), for the container the analysis named when it named one.</para>
/// <para>For runbooks that can be undone the target is read in full after the dry run and the inverse patch kept in the
/// plan (see <c>rollback</c>). Returns <c>decision</c>, <c>reason</c>, <c>runbook</c>, <c>patchHash</c>,
/// <c>target</c> and <c>summary</c>; status becomes AwaitingApproval (approve) or Remediating (auto).</para>
/// </remarks>
public sealed class PlanStep : IIncidentStep
{
    private readonly RunbookGateway _gateway;
    private readonly IIncidentStore _store;
    private readonly TimeProvider _time;
    private readonly IncidentFlowOptions _options;

    /// <summary>Creates the step.</summary>
    /// <param name="registry">The registry whose clusters and policy decide (its read tools read the target).</param>
    /// <param name="kubernetes">The Kubernetes clients <c>execute_runbook</c> plans and writes with.</param>
    /// <param name="store">The incident store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The flow's settings.</param>
    public PlanStep(ToolRegistry registry, IKubernetesClientFactory kubernetes, IIncidentStore store, TimeProvider time, IncidentFlowOptions options)
    {
        _gateway = new RunbookGateway(registry ?? throw new ArgumentNullException(nameof(registry)), kubernetes ?? throw new ArgumentNullException(nameof(kubernetes)));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc/>
    public string Name => StepNames.Plan;

    /// <inheritdoc/>
    /// <exception cref="StepPreconditionException">There is no analysis to plan from.</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(_store, request.IncidentId, _time, context.CancellationToken);
        var record = await timeline.RecordAsync().ConfigureAwait(false);
        if (await timeline.DataAsync(TimelineKeys.Plan).ConfigureAwait(false) is { } done)
        {
            return Result(done);
        }

        var analysis = await timeline.DataAsync(TimelineKeys.Analysis).ConfigureAwait(false)
            ?? throw new StepPreconditionException($"incident {request.IncidentId} has no analysis to plan from (the analyze step did not complete)");
        var data = await DecideAsync(request, record, analysis, context).ConfigureAwait(false);
        string decision = Node.Str(data, "decision")!;
        await timeline.AppendAsync(TimelineKeys.Plan, TimelineKind.Plan, $"plan: {decision} — {Node.Str(data, "reason")}", data).ConfigureAwait(false);
        var status = decision switch
        {
            PlanDecisions.Auto => IncidentStatus.Remediating,
            PlanDecisions.Approve => IncidentStatus.AwaitingApproval,
            _ => (IncidentStatus?)null,
        };
        if (status is not null)
        {
            await timeline.UpdateAsync(new IncidentUpdate { Status = status, StatusReason = Node.Str(data, "reason"), OnlyIfNotClosed = true, At = timeline.Now }).ConfigureAwait(false);
        }

        return Result(await timeline.DataAsync(TimelineKeys.Plan).ConfigureAwait(false) ?? data);
    }

    private async Task<JsonObject> DecideAsync(StepRequest request, IncidentRecord record, JsonObject analysis, ILambdaContext context)
    {
        string runbookId = Node.Str(analysis, "runbook") ?? "escalate";
        var target = Node.ToRef(analysis["target"]);
        double confidence = Node.Num(analysis, "confidence") ?? 0;
        string? cluster = Node.Str(analysis, "cluster") is { Length: > 0 } name ? name : record.Cluster;
        var data = new JsonObject { ["runbook"] = runbookId, ["target"] = Node.RefOrNull(target), ["cluster"] = cluster, ["confidence"] = confidence };

        if (!Runbooks.TryParse(runbookId, out var runbook))
        {
            return Escalate(data, $"the analysis proposes {runbookId}, which is not in the runbook catalogue");
        }

        if (runbook == RunbookId.Escalate)
        {
            return Escalate(data, $"the analysis proposes escalate: {Node.Str(analysis, "rationale") ?? "no runbook in the catalogue can help"}");
        }

        if (target is null || target.IsCluster)
        {
            return Escalate(data, $"the analysis proposes {runbookId} but names no object to act on");
        }

        if (confidence < _options.MinConfidenceToAct)
        {
            return Escalate(data, string.Create(CultureInfo.InvariantCulture, $"the analysis confidence {confidence:0.00} is below {IncidentFlowOptions.MinConfidenceToActVariable} {_options.MinConfidenceToAct:0.00}; not acting on it"));
        }

        var caller = new ToolCaller("eksops-incident-flow/" + Name, ToolFace.Internal, request.IncidentId);
        var (parameters, problem) = await ParametersAsync(runbook, target, record, caller, cluster, context).ConfigureAwait(false);
        if (problem is not null)
        {
            return Escalate(data, problem);
        }

        var targetArgument = Node.Ref(target);
        if (Node.Str(analysis, "target", "container") is { } container && runbook is RunbookId.IncreaseMemoryLimit or RunbookId.IncreaseCpuLimit)
        {
            targetArgument["container"] = container;
        }

        var arguments = new JsonObject { ["runbook"] = runbookId, ["target"] = targetArgument };
        if (parameters is not null)
        {
            arguments["parameters"] = parameters;
        }

        data["arguments"] = arguments.DeepClone();
        var (result, plan, clusterInfo) = await _gateway.PlanAsync(arguments, caller, cluster, context).ConfigureAwait(false);
        if (result.Outcome != ToolOutcome.Success || plan is null || clusterInfo is null || result.Decision is null)
        {
            data["error"] = result.Content["error"]?.DeepClone();
            return Escalate(data, $"planning {runbookId} on {target} failed, so nothing can be applied: {RegistryReads.Error(result)}");
        }

        var change = plan.Change;
        data["cluster"] = change.Cluster;
        data["change"] = change.ToJson();
        data["patchHash"] = change.PatchHash;
        data["summary"] = change.Summary;
        data["preview"] = result.Content["preview"]?.DeepClone();
        data["dryRun"] = Node.WithoutNulls(new JsonObject
        {
            ["accepted"] = Node.Bool(plan.Preview, "dryRun", "accepted") ?? true,
            ["generation"] = Node.Int(plan.Preview, "dryRun", "generation"),
            ["request"] = Node.Str(plan.Preview, "request"),
            ["patchType"] = Node.Str(plan.Preview, "patchType"),
        });
        data["policy"] = result.Decision.ToJson();
        data["expectedFields"] = ChangeFields.Expected(change, plan.Preview);
        data["rollback"] = await InverseAsync(change, plan.Preview, clusterInfo, context).ConfigureAwait(false);

        return result.Decision.Verdict switch
        {
            PolicyVerdict.Allow => Decide(data, PlanDecisions.Auto, $"the policy allows it without approval: {result.Decision.Reason}"),
            PolicyVerdict.NeedsApproval when _gateway.Registry.Policy.Options.Approvals is null =>
                Escalate(data, $"a human would have to approve it ({result.Decision.Reason}), but this deployment has no approval key (EKSOPS_APPROVAL_SECRET), so no approval could be accepted"),
            PolicyVerdict.NeedsApproval => Decide(data, PlanDecisions.Approve, $"a human must approve it first: {result.Decision.Reason}"),
            _ => Escalate(data, $"the policy refuses it: {result.Decision.Reason}"),
        };
    }

    private async Task<(JsonObject? Parameters, string? Problem)> ParametersAsync(RunbookId runbook, ObjectRef target, IncidentRecord record, ToolCaller caller, string? cluster, ILambdaContext context)
    {
        switch (runbook)
        {
            case RunbookId.RestartRollout:
                return (new JsonObject { ["restartedAt"] = record.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) }, null);
            case RunbookId.ScaleDeployment:
                var (current, error) = await RegistryReads.GetObjectAsync(_gateway.Registry, caller, cluster, target, context).ConfigureAwait(false);
                if (current is null)
                {
                    return (null, $"scale-deployment needs the current replica count of {target}, which could not be read: {error}");
                }

                long replicas = Node.Int(current, "spec", "replicas") ?? 1;
                long wanted = Math.Min(RunbookBounds.MaxReplicas, replicas + Math.Max(1, (replicas + 1) / 2));
                return wanted <= replicas
                    ? (null, $"{target} already runs {replicas} replicas, the most scale-deployment allows ({RunbookBounds.MaxReplicas})")
                    : (new JsonObject { ["replicas"] = wanted }, null);
            default:
                return (null, null);
        }
    }

    /// <summary>The rollback part of the plan: whether the change can be undone, and the inverse patch built from the target as read right after the dry run.</summary>
    private async Task<JsonObject> InverseAsync(ProposedChange change, JsonObject preview, ClusterInfo cluster, ILambdaContext context)
    {
        JsonObject? before = null;
        string? readProblem = null;
        bool invertible = change.Runbook is RunbookId.IncreaseMemoryLimit or RunbookId.IncreaseCpuLimit or RunbookId.ScaleDeployment
            or RunbookId.RaiseHpaMax or RunbookId.CordonNode or RunbookId.RollbackDeployment;
        if (invertible && ChangeTargets.Of(change.Target, change.Namespace) is { } target && TargetPaths.Of(target.Kind, target.Namespace, target.Name) is { } path)
        {
            try
            {
                before = await TargetSnapshot.ReadAsync(_gateway.Kubernetes, cluster, path, context.CancellationToken).ConfigureAwait(false);
                long? planned = Node.Int(preview, "target", "generation");
                if (before is not null && planned is not null && Node.Int(before, "metadata", "generation") != planned)
                {
                    readProblem = "the target changed while the plan was made (another generation), so its old values are not the ones the change replaces";
                    before = null;
                }
            }
            catch (Exception e) when (e is HttpRequestException or ToolException or System.Text.Json.JsonException or TaskCanceledException && !context.CancellationToken.IsCancellationRequested)
            {
                readProblem = $"the target could not be read in full before the change: {e.Message}";
            }
        }

        var (patch, reason) = InversePatch.Of(change, before);
        return Node.WithoutNulls(new JsonObject
        {
            ["possible"] = patch is not null,
            ["reason"] = patch is null && readProblem is not null ? readProblem : reason,
            ["patch"] = patch,
            ["basis"] = Node.WithoutNulls(new JsonObject
            {
                ["uid"] = Node.Str(preview, "target", "uid"),
                ["kind"] = Node.Str(preview, "target", "kind"),
                ["apiVersion"] = Node.Str(preview, "target", "apiVersion"),
            }),
        });
    }

    private static JsonObject Decide(JsonObject data, string decision, string reason)
    {
        data["decision"] = decision;
        data["reason"] = reason;
        return data;
    }

    private static JsonObject Escalate(JsonObject data, string reason) => Decide(data, PlanDecisions.Escalate, reason);

    private static JsonObject Result(JsonObject plan) => Node.WithoutNulls(new JsonObject
    {
        ["decision"] = Node.Str(plan, "decision"),
        ["reason"] = Node.Str(plan, "reason"),
        ["runbook"] = Node.Str(plan, "runbook"),
        ["patchHash"] = Node.Str(plan, "patchHash"),
        ["target"] = Node.ToRef(plan["target"])?.ToString(),
        ["summary"] = Node.Str(plan, "summary"),
    });
}
