using System.Text.Json.Nodes;
using EksOps.Approval.Internal;
using EksOps.Aws;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.Approval.Decisions;

/// <summary>
/// Turns an authenticated decision into the <c>approval</c> timeline entry and the Step Functions callback.
/// </summary>
/// <remarks>
/// Order, and why:
/// <list type="number">
/// <item><description>Nothing is pending (decided, no request, stale plan): refuse, write nothing.</description></item>
/// <item><description>The approval's own expiry passed, or <c>SendTaskHeartbeat</c> says the task timed out or is gone:
/// record <c>approval</c> as expired and answer 410/409, so the timeline says why nothing happened.</description></item>
/// <item><description>Consume the link's nonce (single use), then write <c>approval</c> (with the policy token when
/// approved) before calling back: the apply step runs as soon as Step Functions hears the answer and must find the
/// token.</description></item>
/// <item><description>Call back. If Step Functions refuses the token in that moment, <c>approval-undelivered</c> records it.</description></item>
/// </list>
/// </remarks>
internal sealed class ApprovalDecider
{
    /// <summary>The error name a denial fails the task with (the state machine's Catch escalates).</summary>
    public const string DeniedError = "ApprovalDenied";

    /// <summary>How much longer than its link a consumed nonce is kept: longer than any clock skew between checks.</summary>
    private static readonly TimeSpan NonceRetention = TimeSpan.FromDays(1);

    private readonly IIncidentStore _store;
    private readonly StepFunctionsClient _stepFunctions;
    private readonly ApprovalOptions _options;
    private readonly TimeProvider _time;

    public ApprovalDecider(IIncidentStore store, StepFunctionsClient stepFunctions, ApprovalOptions options, TimeProvider time)
    {
        _store = store;
        _stepFunctions = stepFunctions;
        _options = options;
        _time = time;
    }

    /// <summary>Why no decision can be taken now, or <see langword="null"/> when one is pending for this plan.</summary>
    public static DecisionOutcome? NotPending(ApprovalState state, string? patchHash)
    {
        string id = state.Incident.Id;
        if (state.Approval is { } decided)
        {
            return AlreadyDecided(id, decided);
        }

        if (state.Plan is not { } plan || state.TaskToken is null)
        {
            return new DecisionOutcome(409, "not-pending", "No approval is pending",
                $"Incident {id} is not waiting for an approval (status {state.Incident.Status}).") { IncidentId = id };
        }

        ProposedChange change;
        try
        {
            change = plan.ReadChange();
        }
        catch (FormatException e)
        {
            return new DecisionOutcome(409, "not-pending", "The plan cannot be approved", $"Incident {id}'s planned change cannot be read: {e.Message}.") { IncidentId = id };
        }

        return patchHash is not null && patchHash != change.PatchHash
            ? new DecisionOutcome(409, "stale-plan", "This link is for another plan",
                $"The decision is about change {patchHash}, but incident {id}'s plan is now {change.PatchHash}. Use the links of the latest approval request.") { IncidentId = id }
            : null;
    }

    public async Task<DecisionOutcome> DecideAsync(DecisionRequest request, ILambdaContext context)
    {
        var cancellationToken = context.CancellationToken;
        string id = request.IncidentId;
        var state = await ApprovalState.LoadAsync(_store, id, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return DecisionOutcome.NotFound(id);
        }

        if (NotPending(state, request.PatchHash) is { } refusal)
        {
            return refusal;
        }

        var change = state.Plan!.ReadChange();
        string taskToken = state.TaskToken!;
        if (state.ExpiresAt is { } expiresAt && _time.GetUtcNow() >= expiresAt)
        {
            return await RecordUnreachableAsync(request, "expired", 410, $"the approval timed out at {ApprovalLinkSigner.Iso(expiresAt)}", context).ConfigureAwait(false);
        }

        try
        {
            await _stepFunctions.SendTaskHeartbeatAsync(taskToken, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskTokenRejectedException e)
        {
            return e.TimedOut
                ? await RecordUnreachableAsync(request, "expired", 410, "the approval timed out before the decision arrived (Step Functions: TaskTimedOut)", context).ConfigureAwait(false)
                : await RecordUnreachableAsync(request, "closed", 409, $"the flow is no longer waiting for this approval (Step Functions: {e.ErrorCode})", context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AwsServiceException { IsRetryable: true } or HttpRequestException or IOException or TimeoutException)
        {
            context.Logger.LogWarning($"approval: Step Functions did not answer the liveness check for {id}; nothing was recorded", e);
            return new DecisionOutcome(503, "unavailable", "Try again in a minute",
                "Step Functions did not answer, so the decision was not recorded; the link still works until it expires.") { IncidentId = id };
        }
        catch (AwsServiceException e)
        {
            // The check only saves recording a decision for a task that is gone; the callback below is what counts.
            context.Logger.LogWarning($"approval: the liveness check for {id} was refused ({e.ErrorCode}); deciding anyway, the callback has the last word");
        }

        if (request.LinkNonce is { } nonce
            && !await _store.TryConsumeAsync("approval-link:" + nonce, (request.LinkExpiresAt ?? _time.GetUtcNow()) + NonceRetention, cancellationToken).ConfigureAwait(false))
        {
            return new DecisionOutcome(409, "link-used", "This link was already used",
                "Each approval link works once. The incident's timeline shows the decision that was taken.") { IncidentId = id };
        }

        var now = _time.GetUtcNow();
        bool approve = request.Decision == ApprovalDecision.Approve;
        string reason = string.IsNullOrWhiteSpace(request.Reason) ? "no reason given" : request.Reason;
        var data = new JsonObject
        {
            ["approved"] = approve,
            ["outcome"] = approve ? "approved" : "denied",
            ["approver"] = request.Approver,
            ["reason"] = reason,
            ["at"] = ApprovalLinkSigner.Iso(now),
            ["via"] = request.Via,
            ["patchHash"] = change.PatchHash,
            ["sourceIp"] = request.SourceIp,
        };
        if (approve)
        {
            var lifetime = _options.PolicyTokens.MaxLifetime;
            data["approvalToken"] = _options.PolicyTokens.Issue(change, request.Approver, lifetime);
            data["approvalTokenExpiresAt"] = ApprovalLinkSigner.Iso(now + lifetime);
        }

        var entry = new TimelineEntry
        {
            Key = ApprovalTimelineKeys.Approval,
            Kind = TimelineKind.Approval,
            At = now,
            Summary = $"{(approve ? "Approved" : "Denied")} by {request.Approver}: {reason}",
            Data = data,
        };
        if (!await _store.AppendAsync(id, entry, cancellationToken).ConfigureAwait(false))
        {
            var winner = await _store.FindEntryAsync(id, ApprovalTimelineKeys.Approval, cancellationToken).ConfigureAwait(false);
            return winner is null
                ? new DecisionOutcome(409, "already-decided", "Already decided", $"Incident {id} already has a decision.") { IncidentId = id }
                : AlreadyDecided(id, winner);
        }

        try
        {
            if (approve)
            {
                var output = new JsonObject { ["approved"] = true, ["approver"] = request.Approver, ["reason"] = reason };
                await _stepFunctions.SendTaskSuccessAsync(taskToken, output.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _stepFunctions.SendTaskFailureAsync(taskToken, DeniedError, $"{request.Approver}: {reason}", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TaskTokenRejectedException e)
        {
            await _store.AppendAsync(id, new TimelineEntry
            {
                Key = ApprovalTimelineKeys.ApprovalUndelivered,
                Kind = TimelineKind.Approval,
                At = _time.GetUtcNow(),
                Summary = $"The decision by {request.Approver} did not reach the flow: Step Functions answered {e.ErrorCode}.",
                Data = new JsonObject { ["error"] = e.ErrorCode, ["message"] = e.ErrorMessage, ["outcome"] = e.TimedOut ? "expired" : "closed" },
            }, CancellationToken.None).ConfigureAwait(false);
            Count(context, e.TimedOut ? "expired" : "closed");
            return e.TimedOut
                ? new DecisionOutcome(410, "expired", "This approval expired", $"The approval for incident {id} timed out before the decision reached it; nothing was changed and the incident escalates.") { IncidentId = id }
                : new DecisionOutcome(409, "closed", "The flow is no longer waiting", $"Incident {id}'s flow is no longer waiting for this approval ({e.ErrorCode}); nothing was changed.") { IncidentId = id };
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or IOException or TimeoutException)
        {
            context.Logger.LogError($"approval: the decision for {id} is recorded but Step Functions did not accept the callback", e);
            Count(context, "undelivered");
            return new DecisionOutcome(502, "undelivered", "Recorded, but not delivered",
                $"Your decision is recorded in incident {id}'s timeline, but Step Functions did not accept it ({(e as AwsServiceException)?.ErrorCode ?? e.GetType().Name}). "
                + "If it is not delivered, the approval times out and the incident escalates; nothing is changed without a delivered approval.") { IncidentId = id, Approver = request.Approver };
        }

        Count(context, approve ? "approved" : "denied");
        context.Logger.LogInformation(
            $"approval: {(approve ? "approved" : "denied")} {id} by {request.Approver} via {request.Via}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["incidentId"] = id, ["approver"] = request.Approver, ["via"] = request.Via });
        return approve
            ? new DecisionOutcome(200, "approved", "Approved", $"You approved {change.Summary} ({change.Target}). The flow applies it now and verifies it.") { IncidentId = id, Approver = request.Approver }
            : new DecisionOutcome(200, "denied", "Denied", $"You denied {change.Summary} ({change.Target}). Nothing will be changed; the incident escalates.") { IncidentId = id, Approver = request.Approver };
    }

    private static DecisionOutcome AlreadyDecided(string id, TimelineEntry decided)
    {
        string outcome = JsonRead.String(decided.Data, "outcome") ?? (JsonRead.Boolean(decided.Data, "approved") == true ? "approved" : "denied");
        string by = JsonRead.String(decided.Data, "approver") ?? "someone";
        string at = ApprovalLinkSigner.Iso(decided.At);
        return outcome switch
        {
            "expired" => new DecisionOutcome(410, "expired", "This approval expired", $"The approval for incident {id} expired ({decided.Summary}).") { IncidentId = id },
            "closed" => new DecisionOutcome(409, "closed", "The flow is no longer waiting", $"Incident {id}'s flow stopped waiting for this approval ({decided.Summary}).") { IncidentId = id },
            _ => new DecisionOutcome(409, "already-decided", "Already decided", $"Incident {id} was already {outcome} by {by} at {at}.") { IncidentId = id, Approver = by },
        };
    }

    private static void Count(ILambdaContext context, string outcome)
    {
        context.Metrics.AddDimension("Outcome", outcome);
        context.Metrics.AddMetric("ApprovalDecisions", 1, MetricUnit.Count);
    }

    /// <summary>Records that a decision arrived when the task could no longer take it, so the timeline says why nothing happened.</summary>
    private async Task<DecisionOutcome> RecordUnreachableAsync(DecisionRequest request, string outcome, int status, string why, ILambdaContext context)
    {
        string id = request.IncidentId;
        var entry = new TimelineEntry
        {
            Key = ApprovalTimelineKeys.Approval,
            Kind = TimelineKind.Approval,
            At = _time.GetUtcNow(),
            Summary = $"A decision ({DecisionText.Of(request.Decision)}) by {request.Approver} arrived too late: {why}.",
            Data = new JsonObject
            {
                ["approved"] = false,
                ["outcome"] = outcome,
                ["approver"] = request.Approver,
                ["requestedDecision"] = DecisionText.Of(request.Decision),
                ["reason"] = why,
                ["at"] = ApprovalLinkSigner.Iso(_time.GetUtcNow()),
                ["via"] = request.Via,
            },
        };
        if (!await _store.AppendAsync(id, entry, context.CancellationToken).ConfigureAwait(false)
            && await _store.FindEntryAsync(id, entry.Key, context.CancellationToken).ConfigureAwait(false) is { } winner)
        {
            return AlreadyDecided(id, winner);
        }

        Count(context, outcome);
        context.Logger.LogWarning($"approval: a decision for {id} arrived too late: {why}");
        return status == 410
            ? new DecisionOutcome(410, outcome, "This approval expired", $"Incident {id}: {why}. Nothing was changed; the incident escalates.") { IncidentId = id }
            : new DecisionOutcome(409, outcome, "The flow is no longer waiting", $"Incident {id}: {why}. Nothing was changed.") { IncidentId = id };
    }
}
