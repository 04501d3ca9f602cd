using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Tools.Readers;

namespace EksOps.Tools.Actions;

/// <summary>
/// The body of <c>execute_runbook</c>. <see cref="PlanAsync"/> reads the target, builds the runbook's exact patch from
/// its current state and sends it as a server-side dry run (<c>dryRun=All</c>), so the API server's validation runs
/// and the preview shows each changed field before and after. <see cref="ApplyAsync"/> sends exactly the planned
/// patch, once, after checking that the target is still the object (uid) and spec (generation) the plan was made
/// from. <c>escalate</c> plans a no-action change and touches nothing.
/// </summary>
/// <remarks>Each runbook's patch is listed in this project's README.</remarks>
/// <param name="kubernetes">The Kubernetes client per cluster.</param>
public sealed class ExecuteRunbookTool(IKubernetesClientFactory kubernetes) : IWriteToolHandler
{
    private readonly IKubernetesClientFactory _kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));

    /// <summary>The plans already applied: a plan is applied at most once, whoever calls.</summary>
    private readonly ConditionalWeakTable<ToolChangePlan, object> _applied = [];

    /// <inheritdoc/>
    public async ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var request = RunbookRequest.From(arguments);
        if (request.Runbook == RunbookId.Escalate)
        {
            return Escalation(request, context);
        }

        var api = new KubernetesApi(_kubernetes.GetClient(context.Cluster), context.CancellationToken);
        var planned = await RunbookPlanner.PlanAsync(request, api).ConfigureAwait(false);
        var kind = request.Kind;
        var preview = new JsonObject { ["target"] = Basis(kind, planned.Target) };
        foreach (var (key, value) in planned.Details)
        {
            preview[key] = value?.DeepClone();
        }

        var writer = new RunbookWriter(api, kind, request.Namespace, request.Name);
        var dryRun = new JsonObject { ["accepted"] = true };
        if (planned.Patch[RunbookPatch.StrategicMerge] is not null || planned.Patch[RunbookPatch.Json] is not null)
        {
            var (line, mediaType, answer) = await writer.PatchAsync(planned.Patch, dryRun: true).ConfigureAwait(false);
            var changes = ChangeReport.Fields(planned.Patch, planned.Target, answer);
            if (ChangeReport.NothingChanges(changes))
            {
                throw new ToolException("no_change", $"the dry run of {request.Runbook.Id()} on {request.Describe} changes nothing: {planned.Summary}");
            }

            preview["request"] = line;
            preview["patchType"] = mediaType;
            preview["changes"] = changes;
            if (JsonText.Int(answer, "metadata", "generation") is long generation)
            {
                dryRun["generation"] = generation;
            }
        }

        if (planned.Patch[RunbookPatch.Delete] is JsonObject options)
        {
            var (line, answer) = await writer.DeleteAsync(options, dryRun: true).ConfigureAwait(false);
            preview["request"] = line;
            if (JsonText.Str(answer, "metadata", "deletionTimestamp") is string deletion)
            {
                dryRun["deletionTimestamp"] = deletion;
            }
        }

        if (planned.Patch[RunbookPatch.Evictions] is JsonArray evictions)
        {
            var outcomes = new JsonArray();
            var blocked = new List<string>();
            foreach (var eviction in evictions.OfType<JsonObject>())
            {
                var outcome = await writer.EvictAsync(eviction, dryRun: true).ConfigureAwait(false);
                if ((string?)outcome["result"] != "evicted")
                {
                    blocked.Add($"{outcome["pod"]}: {outcome["message"]}");
                }

                outcome["result"] = (string?)outcome["result"] == "evicted" ? "allowed" : outcome["result"]?.DeepClone();
                outcomes.Add((JsonNode)outcome);
            }

            if (blocked.Count > 0)
            {
                throw new ToolException("eviction_blocked", $"the dry run of draining {request.Describe} was refused for {string.Join("; ", blocked)}; the drain would stall, so cordon-node or escalate instead");
            }

            preview["evictions"] = outcomes;
        }

        preview["dryRun"] = dryRun;
        var change = new ProposedChange
        {
            Cluster = context.Cluster.Name,
            Namespace = request.Namespace,
            Target = request.Target,
            Runbook = request.Runbook,
            Effect = RunbookEffect.Write,
            Patch = planned.Patch,
            Summary = planned.Summary,
        };
        return new ToolChangePlan(change, preview);
    }

    /// <inheritdoc/>
    public async ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        if (!_applied.TryAdd(plan, plan.Change))
        {
            throw new ToolException("already_applied", $"this plan of {plan.Change.Target} was already applied; plan again for another change");
        }

        var change = plan.Change;
        if (change.Effect != RunbookEffect.Write)
        {
            return new JsonObject { ["changed"] = false, ["note"] = $"{change.Summary}. Nothing in the cluster was changed." };
        }

        int slash = change.Target.IndexOf('/', StringComparison.Ordinal);
        var kind = RunbookTargetKind.Of(change.Target[..slash]);
        string name = change.Target[(slash + 1)..];
        string describe = kind.Kind + " " + (change.Namespace is null ? name : change.Namespace + "/" + name);
        var api = new KubernetesApi(_kubernetes.GetClient(context.Cluster), context.CancellationToken);
        var current = await api.GetAsync(kind.PathOf(change.Namespace, name), describe).ConfigureAwait(false)
            ?? throw new ToolException("not_found", $"{describe} was deleted after the plan; nothing was changed");
        CheckBasis(plan.Preview["target"] as JsonObject, current, describe);

        var writer = new RunbookWriter(api, kind, change.Namespace, name);
        var result = new JsonObject();
        if (change.Patch[RunbookPatch.StrategicMerge] is not null || change.Patch[RunbookPatch.Json] is not null)
        {
            var (line, _, answer) = await writer.PatchAsync(change.Patch, dryRun: false).ConfigureAwait(false);
            result["request"] = line;
            result["changes"] = ChangeReport.Fields(change.Patch, current, answer);
            if (JsonText.Int(answer, "metadata", "generation") is long generation)
            {
                result["generation"] = generation;
            }

            result["resourceVersion"] = JsonText.Str(answer, "metadata", "resourceVersion");
        }

        if (change.Patch[RunbookPatch.Delete] is JsonObject options)
        {
            var (line, answer) = await writer.DeleteAsync(options, dryRun: false).ConfigureAwait(false);
            result["request"] = line;
            result["deleted"] = $"{describe} (uid {JsonText.Str(answer, "metadata", "uid")})";
            result["deletionTimestamp"] = JsonText.Str(answer, "metadata", "deletionTimestamp");
        }

        if (change.Patch[RunbookPatch.Evictions] is JsonArray evictions)
        {
            var outcomes = new JsonArray();
            foreach (var eviction in evictions.OfType<JsonObject>())
            {
                outcomes.Add((JsonNode)await writer.EvictAsync(eviction, dryRun: false).ConfigureAwait(false));
            }

            int failed = outcomes.Count(o => (string?)o!["result"] is not ("evicted" or "gone"));
            result["evictions"] = outcomes;
            result["complete"] = failed == 0;
            if (failed > 0)
            {
                result["note"] = $"{describe} is cordoned but {failed} of {outcomes.Count} pod(s) were not evicted; see evictions and escalate";
            }
        }

        return result;
    }

    private static ToolChangePlan Escalation(RunbookRequest request, ToolContext context)
    {
        string? reason = request.OptionalString("reason");
        var change = new ProposedChange
        {
            Cluster = context.Cluster.Name,
            Namespace = request.Namespace,
            Target = request.Target,
            Runbook = RunbookId.Escalate,
            Effect = RunbookEffect.NoAction,
            Patch = [],
            Summary = $"escalate {request.Describe} to a human: no automatic change" + (reason is null ? string.Empty : " (" + reason + ")"),
        };
        return new ToolChangePlan(change, new JsonObject
        {
            ["note"] = "escalate changes nothing in the cluster and needs no approval; record the findings with create_incident so a human is paged",
        });
    }

    /// <summary>What the plan was made from: the object's identity and, where it has one, the generation of its spec.</summary>
    private static JsonObject Basis(RunbookTargetKind kind, JsonObject target)
    {
        var basis = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["namespace"] = JsonText.Str(target, "metadata", "namespace"),
            ["name"] = JsonText.Str(target, "metadata", "name"),
            ["uid"] = JsonText.Str(target, "metadata", "uid"),
            ["resourceVersion"] = JsonText.Str(target, "metadata", "resourceVersion"),
            ["generation"] = JsonText.Int(target, "metadata", "generation"),
        };
        foreach (var key in basis.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            basis.Remove(key);
        }

        return basis;
    }

    /// <summary>
    /// Refuses to apply when the target was replaced (another uid) or its spec changed (another generation) since the
    /// plan: the approved patch was built from a state that no longer holds. The resourceVersion is not compared,
    /// since controllers bump it with every status update.
    /// </summary>
    private static void CheckBasis(JsonObject? basis, JsonObject current, string describe)
    {
        if (basis is null)
        {
            throw new ToolException("invalid_plan", $"the plan for {describe} does not say which object it was made from; plan again");
        }

        string? uid = JsonText.Str(current, "metadata", "uid");
        if ((string?)basis["uid"] != uid)
        {
            throw new ToolException("conflict", $"{describe} was replaced after the plan (uid {(string?)basis["uid"]} → {uid}); nothing was changed; plan again");
        }

        long? planned = JsonText.Int(basis, "generation");
        long? now = JsonText.Int(current, "metadata", "generation");
        if (planned is not null && now != planned)
        {
            throw new ToolException("conflict", $"{describe} changed after the plan (generation {planned} → {now}); nothing was changed; plan again and get the new change approved");
        }
    }
}
