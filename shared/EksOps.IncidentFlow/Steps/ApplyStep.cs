using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentFlow.Remediation;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>apply</c> (Remediate): applies the planned change exactly once — through <c>execute_runbook</c> with
/// <c>dryRun=false</c> and, where the plan needed one, the approval token the Approval function stored, so the policy
/// decides on the exact change and the tool refuses a target that changed since the plan — then writes the
/// <c>change</c> entry and publishes <c>Remediation Applied</c> (once).
/// </summary>
/// <remarks>
/// <para>Once-only: the write happens only under the store claim <c>apply:&lt;patch hash&gt;</c>. A retry or a concurrent
/// invocation finds the claim completed (and returns the stored result with <c>alreadyApplied: true</c>) or in progress.</para>
/// <para>The window between the write and completing the claim (the invocation died there): the claim stays in
/// progress and is never taken over, so nothing can write a second time. The next attempt reads the target through the
/// registry and compares the fields the plan set with the values the dry run answered: if the target carries the
/// change, the earlier attempt applied it, and this one completes the claim and goes on (<c>alreadyApplied: true</c>);
/// if not, it fails with <see cref="StepInProgressException"/> (retried by the state machine, then escalated) — the
/// holder may still be writing. Deletions and evictions have no fields to compare and always take the second path.</para>
/// <para>Refusals that wrote nothing (no approval, the approval denied, the policy refusing the token or the change) are
/// checked before the claim is taken, so a later attempt with an approval can still apply. A refusal after the claim
/// (the target changed since the plan, the API server refused) completes the claim as failed.</para>
/// <para>Returns <c>applied</c>, <c>alreadyApplied</c>, <c>patchHash</c> and <c>eventId</c>.</para>
/// </remarks>
public sealed class ApplyStep : IIncidentStep
{
    private const string OutcomeUnknown = "outcome_unknown";

    private readonly RunbookGateway _gateway;
    private readonly IIncidentStore _store;
    private readonly IIncidentEventSink _events;
    private readonly TimeProvider _time;

    /// <summary>Creates the step.</summary>
    /// <param name="registry">The registry whose clusters and policy decide.</param>
    /// <param name="kubernetes">The Kubernetes clients <c>execute_runbook</c> writes with.</param>
    /// <param name="store">The incident store.</param>
    /// <param name="events">Where <c>Remediation Applied</c> goes.</param>
    /// <param name="time">The clock.</param>
    public ApplyStep(ToolRegistry registry, IKubernetesClientFactory kubernetes, IIncidentStore store, IIncidentEventSink events, TimeProvider time)
    {
        _gateway = new RunbookGateway(registry ?? throw new ArgumentNullException(nameof(registry)), kubernetes ?? throw new ArgumentNullException(nameof(kubernetes)));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc/>
    public string Name => StepNames.Apply;

    /// <inheritdoc/>
    /// <exception cref="StepPreconditionException">There is no plan with a change to apply.</exception>
    /// <exception cref="RemediationRefusedException">Nothing was applied: no approval, a refusal by the policy, a conflict or the API server.</exception>
    /// <exception cref="StepInProgressException">Another attempt holds the claim, or the write's outcome is unknown; retry.</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(_store, request.IncidentId, _time, context.CancellationToken);
        var record = await timeline.RecordAsync().ConfigureAwait(false);
        var plan = await timeline.DataAsync(TimelineKeys.Plan).ConfigureAwait(false)
            ?? throw new StepPreconditionException($"incident {request.IncidentId} has no plan to apply");
        if (await timeline.DataAsync(TimelineKeys.Change).ConfigureAwait(false) is { } recorded)
        {
            return Result(recorded, alreadyApplied: true);
        }

        string decision = Node.Str(plan, "decision") ?? PlanDecisions.Escalate;
        if (decision == PlanDecisions.Escalate || Node.Obj(plan, "change") is not { } changeJson)
        {
            throw new StepPreconditionException($"the plan of incident {request.IncidentId} decided {decision} ({Node.Str(plan, "reason")}); there is no change to apply");
        }

        ProposedChange change;
        try
        {
            change = ProposedChange.FromJson(changeJson);
        }
        catch (FormatException e)
        {
            throw new StepPreconditionException($"the planned change of incident {request.IncidentId} cannot be read: {e.Message}", e);
        }

        var (token, approver) = await ApprovalAsync(timeline, decision).ConfigureAwait(false);
        PreCheck(change, token);

        string claimKey = "apply:" + change.PatchHash;
        var caller = new ToolCaller("eksops-incident-flow/" + Name, ToolFace.Internal, request.IncidentId);
        var claim = await timeline.ClaimAsync(claimKey).ConfigureAwait(false);
        JsonObject result;
        bool alreadyApplied = claim.State != StepClaimState.Claimed;
        switch (claim.State)
        {
            case StepClaimState.Completed:
                result = claim.Result ?? [];
                if (Node.Bool(result, "applied") != true)
                {
                    throw new RemediationRefusedException(Node.Str(result, "code") ?? "failed", Node.Str(result, "message") ?? "an earlier attempt to apply this change failed");
                }

                break;
            case StepClaimState.InProgress:
                result = await RecoverAsync(timeline, claimKey, claim, change, plan, caller, context).ConfigureAwait(false);
                break;
            default:
                result = await WriteAsync(timeline, claimKey, change, plan, token, approver, caller, context).ConfigureAwait(false);
                break;
        }

        var eventId = await OnceOnlyEvents.PublishAsync(
            timeline,
            _events,
            FlowEvents.RemediationAppliedClaim,
            FlowEvents.RemediationApplied(record, await timeline.DataAsync(TimelineKeys.Analysis).ConfigureAwait(false), plan, result, approver, timeline.Now)).ConfigureAwait(false);
        var entry = (JsonObject)result.DeepClone();
        entry["eventId"] = eventId;
        entry["runbook"] = Node.Str(plan, "runbook");
        entry["decision"] = decision;
        entry["rollback"] = Node.Clone(plan["rollback"]);
        await timeline.AppendAsync(TimelineKeys.Change, TimelineKind.Change, $"applied {change.Summary} (patch {Short(change.PatchHash)})", entry).ConfigureAwait(false);
        await timeline.UpdateAsync(new IncidentUpdate { Status = IncidentStatus.Remediating, StatusReason = "change applied: " + change.Summary, OnlyIfNotClosed = true, At = timeline.Now }).ConfigureAwait(false);
        return Result(await timeline.DataAsync(TimelineKeys.Change).ConfigureAwait(false) ?? entry, alreadyApplied);
    }

    /// <summary>The approval token (and approver) the plan's decision needs, from the Approval function's entry.</summary>
    private static async Task<(string? Token, string? Approver)> ApprovalAsync(IncidentTimeline timeline, string decision)
    {
        if (decision != PlanDecisions.Approve)
        {
            return (null, null);
        }

        var approval = await timeline.DataAsync(TimelineKeys.Approval).ConfigureAwait(false)
            ?? throw new RemediationRefusedException("approval_missing", $"the plan of incident {timeline.IncidentId} needs a human's approval and none is recorded; nothing was applied");
        if (Node.Bool(approval, "approved") != true)
        {
            throw new RemediationRefusedException("approval_denied", $"the change was not approved ({Node.Str(approval, "approver") ?? "unknown approver"}: {Node.Str(approval, "reason") ?? "no reason given"}); nothing was applied");
        }

        return Node.Str(approval, "approvalToken") is { Length: > 0 } token
            ? (token, Node.Str(approval, "approver"))
            : throw new RemediationRefusedException("approval_missing", $"the approval of incident {timeline.IncidentId} carries no approval token; nothing was applied");
    }

    /// <summary>The policy's answer on the exact change before anything is claimed, so a refusal leaves the change applicable later.</summary>
    private void PreCheck(ProposedChange change, string? token)
    {
        if (!_gateway.Registry.Clusters.TryResolve(change.Cluster, out var cluster))
        {
            throw new RemediationRefusedException("unknown_cluster", $"the planned change is for cluster {change.Cluster}, which this deployment does not serve; nothing was applied");
        }

        var verdict = _gateway.Registry.Policy.EvaluateChange(cluster, change, token);
        if (!verdict.IsAllowed)
        {
            throw new RemediationRefusedException(verdict.Verdict == PolicyVerdict.NeedsApproval ? "approval_required" : verdict.Rule, $"the policy does not allow {change.Summary}: {verdict.Reason}; nothing was applied");
        }
    }

    private async Task<JsonObject> WriteAsync(IncidentTimeline timeline, string claimKey, ProposedChange change, JsonObject plan, string? token, string? approver, ToolCaller caller, ILambdaContext context)
    {
        var storedPlan = new ToolChangePlan(change, new JsonObject { ["target"] = Node.Clone(Node.Obj(plan, "preview", "target")) });
        var arguments = Node.Obj(plan, "arguments") ?? throw new StepPreconditionException($"the plan of incident {timeline.IncidentId} does not hold its execute_runbook arguments");
        var (outcome, applied) = await _gateway.ApplyAsync(arguments, storedPlan, token, caller, context).ConfigureAwait(false);
        if (outcome.Outcome == ToolOutcome.Success && Node.Str(outcome.Content, "status") == "applied" && applied is not null)
        {
            var result = Node.WithoutNulls(new JsonObject
            {
                ["applied"] = true,
                ["patchHash"] = change.PatchHash,
                ["target"] = change.Target,
                ["namespace"] = change.Namespace,
                ["summary"] = change.Summary,
                ["request"] = Node.Str(applied, "request"),
                ["changes"] = Node.Clone(applied["changes"]),
                ["generation"] = Node.Int(applied, "generation"),
                ["resourceVersion"] = Node.Str(applied, "resourceVersion"),
                ["result"] = applied.DeepClone(),
                ["approvedBy"] = approver,
                ["appliedAt"] = Node.Iso(timeline.Now),
            });
            await timeline.CompleteAsync(claimKey, result).ConfigureAwait(false);
            return result;
        }

        string code = outcome.ErrorCode ?? "failed";
        string message = RegistryReads.Error(outcome);
        if (code == OutcomeUnknown)
        {
            // The write may have landed: leave the claim in progress; the retry inspects the target.
            throw new StepInProgressException($"applying {change.Summary} ended with an unknown outcome ({message}); a retry checks whether the target carries the change");
        }

        await timeline.CompleteAsync(claimKey, new JsonObject { ["applied"] = false, ["code"] = code, ["message"] = message, ["at"] = Node.Iso(timeline.Now) }).ConfigureAwait(false);
        throw new RemediationRefusedException(code, $"{change.Summary} was not applied: {message}");
    }

    /// <summary>The claim is held by an attempt that has not completed: done if the target carries the change, else retry later.</summary>
    private async Task<JsonObject> RecoverAsync(IncidentTimeline timeline, string claimKey, StepClaim claim, ProposedChange change, JsonObject plan, ToolCaller caller, ILambdaContext context)
    {
        var expected = Node.Arr(plan, "expectedFields");
        string since = Node.Iso(claim.ClaimedAt ?? timeline.Now);
        var target = ChangeTargets.Of(change.Target, change.Namespace);
        if (expected.Count == 0 || target is null)
        {
            throw new StepInProgressException($"applying {change.Summary} was claimed at {since} by an attempt that has not completed, and this change has no field to check on the target; retry later");
        }

        var (current, error) = await RegistryReads.GetObjectAsync(_gateway.Registry, caller, change.Cluster, target, context).ConfigureAwait(false);
        if (current is null || ChangeFields.Mismatches(expected, current).Count > 0)
        {
            string why = current is null ? "the target could not be read: " + error : "the target does not carry it: " + string.Join("; ", ChangeFields.Mismatches(expected, current));
            throw new StepInProgressException($"applying {change.Summary} was claimed at {since} by an attempt that has not completed; {why}; retry later");
        }

        context.Logger.LogWarning($"apply of incident {timeline.IncidentId}: the claim from {since} was never completed, but {change.Target} carries the change; recording it as applied");
        var result = Node.WithoutNulls(new JsonObject
        {
            ["applied"] = true,
            ["recovered"] = true,
            ["note"] = "an earlier attempt applied the change but did not record completing it; the target carries every field the plan set",
            ["patchHash"] = change.PatchHash,
            ["target"] = change.Target,
            ["namespace"] = change.Namespace,
            ["summary"] = change.Summary,
            ["changes"] = Node.Clone(Node.At(plan, "preview", "changes")),
            ["generation"] = Node.Int(current, "metadata", "generation"),
            ["resourceVersion"] = Node.Str(current, "metadata", "resourceVersion"),
            ["appliedAt"] = since,
        });
        await timeline.CompleteAsync(claimKey, result).ConfigureAwait(false);
        return result;
    }

    private static JsonObject Result(JsonObject change, bool alreadyApplied) => Node.WithoutNulls(new JsonObject
    {
        ["applied"] = Node.Bool(change, "applied") ?? true,
        ["alreadyApplied"] = alreadyApplied,
        ["patchHash"] = Node.Str(change, "patchHash"),
        ["eventId"] = Node.Str(change, "eventId"),
        ["summary"] = Node.Str(change, "summary"),
    });

    internal static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
