using System.Text.Json.Nodes;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentFlow.Remediation;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>rollback</c> (Remediate): undoes the applied change where the runbook allows it, with the inverse patch the plan
/// built from the target's state right before the change, once (claim <c>rollback:&lt;patch hash&gt;</c>), and writes
/// the <c>rollback</c> entry.
/// </summary>
/// <remarks>
/// <para>Which runbooks can be undone, and how, is listed on the inverse patch's rules: the limit runbooks,
/// <c>scale-deployment</c>, <c>raise-hpa-max</c> and <c>cordon-node</c> set their fields back; <c>rollback-deployment</c>
/// rolls forward to the template before; <c>restart-rollout</c>, <c>delete-pod</c> and <c>drain-node</c> cannot be undone.</para>
/// <para>The inverse goes through <c>execute_runbook</c>'s apply like any change: the registry's policy decides on it
/// (a rollback is a write: in production it needs its own approval, which the flow does not have, so it is recorded as
/// not rolled back with the inverse patch in the report for a human), and the tool refuses when the target is no longer
/// the object and generation the change left (someone changed it since). No dry run precedes it; the API server still
/// validates it.</para>
/// <para>A rollback that does not happen is not a failure of the step: it returns <c>rolledBack: false</c> with the
/// reason, and the state machine escalates either way. Returns <c>rolledBack</c> and <c>reason</c>.</para>
/// </remarks>
public sealed class RollbackStep : IIncidentStep
{
    private readonly RunbookGateway _gateway;
    private readonly IIncidentStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the step.</summary>
    /// <param name="registry">The registry whose clusters and policy decide.</param>
    /// <param name="kubernetes">The Kubernetes clients <c>execute_runbook</c> writes with.</param>
    /// <param name="store">The incident store.</param>
    /// <param name="time">The clock.</param>
    public RollbackStep(ToolRegistry registry, IKubernetesClientFactory kubernetes, IIncidentStore store, TimeProvider time)
    {
        _gateway = new RunbookGateway(registry ?? throw new ArgumentNullException(nameof(registry)), kubernetes ?? throw new ArgumentNullException(nameof(kubernetes)));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc/>
    public string Name => StepNames.Rollback;

    /// <inheritdoc/>
    /// <exception cref="StepInProgressException">Another attempt holds the rollback's claim.</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(_store, request.IncidentId, _time, context.CancellationToken);
        await timeline.RecordAsync().ConfigureAwait(false);
        if (await timeline.DataAsync(TimelineKeys.Rollback).ConfigureAwait(false) is { } done)
        {
            return Result(done);
        }

        var change = await timeline.DataAsync(TimelineKeys.Change).ConfigureAwait(false);
        var plan = await timeline.DataAsync(TimelineKeys.Plan).ConfigureAwait(false);
        if (change is null || plan is null || Node.Obj(plan, "change") is not { } forwardJson)
        {
            return await RecordAsync(timeline, NotRolledBack("no change was applied, so there is nothing to roll back")).ConfigureAwait(false);
        }

        var rollback = Node.Obj(change, "rollback") ?? Node.Obj(plan, "rollback");
        if (Node.Bool(rollback, "possible") != true || Node.Obj(rollback, "patch") is not { } inversePatch)
        {
            return await RecordAsync(timeline, NotRolledBack(Node.Str(rollback, "reason") ?? "the change cannot be undone")).ConfigureAwait(false);
        }

        ProposedChange forward;
        try
        {
            forward = ProposedChange.FromJson(forwardJson);
        }
        catch (FormatException e)
        {
            return await RecordAsync(timeline, NotRolledBack("the applied change cannot be read back, so its inverse is not applied: " + e.Message)).ConfigureAwait(false);
        }

        var inverse = new ProposedChange
        {
            Cluster = forward.Cluster,
            Namespace = forward.Namespace,
            Target = forward.Target,
            Runbook = forward.Runbook,
            Effect = forward.Effect,
            Patch = (JsonObject)inversePatch.DeepClone(),
            Summary = $"undo change {ApplyStep.Short(forward.PatchHash)} ({forward.Summary}): {Node.Str(rollback, "reason")}",
        };
        string claimKey = "rollback:" + forward.PatchHash;
        var claim = await timeline.ClaimAsync(claimKey).ConfigureAwait(false);
        if (claim.State == StepClaimState.Completed)
        {
            return await RecordAsync(timeline, claim.Result ?? NotRolledBack("an earlier attempt finished the rollback without a result")).ConfigureAwait(false);
        }

        if (claim.State == StepClaimState.InProgress)
        {
            throw new StepInProgressException($"the rollback of change {ApplyStep.Short(forward.PatchHash)} was claimed at {Node.Iso(claim.ClaimedAt ?? timeline.Now)} by an attempt that has not completed; retry later");
        }

        // The basis is the object as the change left it: the same uid, and the generation the apply answered.
        var basis = Node.Obj(plan, "preview", "target") is { } planned ? (JsonObject)planned.DeepClone() : [];
        basis.Remove("resourceVersion");
        basis.Remove("generation");
        if (Node.Int(change, "generation") is long generation)
        {
            basis["generation"] = generation;
        }

        var arguments = Node.Obj(plan, "arguments") ?? throw new StepPreconditionException($"the plan of incident {request.IncidentId} does not hold its execute_runbook arguments");
        var caller = new ToolCaller("eksops-incident-flow/" + Name, ToolFace.Internal, request.IncidentId);
        var (outcome, applied) = await _gateway.ApplyAsync(arguments, new ToolChangePlan(inverse, new JsonObject { ["target"] = basis }), null, caller, context).ConfigureAwait(false);
        JsonObject result;
        if (outcome.Outcome == ToolOutcome.Success && Node.Str(outcome.Content, "status") == "applied")
        {
            result = Node.WithoutNulls(new JsonObject
            {
                ["rolledBack"] = true,
                ["reason"] = Node.Str(rollback, "reason"),
                ["patch"] = inverse.Patch.DeepClone(),
                ["patchHash"] = inverse.PatchHash,
                ["changes"] = Node.Clone(applied?["changes"]),
                ["request"] = Node.Str(applied, "request"),
                ["at"] = Node.Iso(timeline.Now),
            });
        }
        else
        {
            string why = outcome.Outcome == ToolOutcome.ApprovalRequired
                ? "the policy requires a human's approval for the rollback itself, which the flow does not have: " + Node.Str(outcome.Content, "policy", "reason")
                : RegistryReads.Error(outcome);
            result = NotRolledBack($"the rollback was not applied: {why}");
            result["patch"] = inverse.Patch.DeepClone();
            result["patchHash"] = inverse.PatchHash;
        }

        await timeline.CompleteAsync(claimKey, result).ConfigureAwait(false);
        return await RecordAsync(timeline, result).ConfigureAwait(false);
    }

    private static JsonObject NotRolledBack(string reason) => new() { ["rolledBack"] = false, ["reason"] = reason };

    private static async Task<JsonObject> RecordAsync(IncidentTimeline timeline, JsonObject result)
    {
        string summary = Node.Bool(result, "rolledBack") == true ? "rolled back the change" : "not rolled back: " + Node.Str(result, "reason");
        await timeline.AppendAsync(TimelineKeys.Rollback, TimelineKind.Rollback, summary, result).ConfigureAwait(false);
        return Result(await timeline.DataAsync(TimelineKeys.Rollback).ConfigureAwait(false) ?? result);
    }

    private static JsonObject Result(JsonObject rollback) => Node.WithoutNulls(new JsonObject
    {
        ["rolledBack"] = Node.Bool(rollback, "rolledBack") ?? false,
        ["reason"] = Node.Str(rollback, "reason"),
    });
}
