using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Approval.Internal;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.Approval;

/// <summary>
/// The state machine's <c>request</c> step: records the waiting task's token, publishes <c>Approval Requested</c>
/// (the dry-run preview, the evidence summary, the decision links or endpoint, the expiry) and sets the incident to
/// <see cref="IncidentStatus.AwaitingApproval"/>. The task then waits until the Function URL calls back.
/// </summary>
/// <remarks>
/// <para>Retries are safe. The event is published at most once: each publish attempt claims its own slot in the store
/// (<c>publish:approval-requested:&lt;n&gt;</c>) and closes it with the event id, or as failed so that a retry may take
/// the next slot. A retry that finds <c>approval-requested</c> publishes nothing; if Step Functions gave it a new task
/// token it records that token (<c>approval-requested:&lt;digest&gt;</c>), and decisions go to the newest token. A retry
/// that finds the publish claimed but never recorded (its holder died mid-publish, or is publishing right now) does not
/// publish either: it records <c>approval-requested</c> with its token and <c>publish: in-doubt</c>, so that links the
/// holder may have sent still work (links are checked by signature; the token is looked up in the store).</para>
/// <para>Metrics: <c>ApprovalRequests</c> (Count) with an <c>Outcome</c> dimension.</para>
/// </remarks>
public sealed class ApprovalRequestStep
{
    /// <summary>How many failed publish attempts (each closed as failed) are tolerated before the step gives up.</summary>
    public const int MaxPublishAttempts = 5;

    private readonly IIncidentStore _store;
    private readonly IIncidentEventSink _events;
    private readonly ApprovalOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the step.</summary>
    /// <param name="store">The incident store.</param>
    /// <param name="events">Where Approval Requested is published.</param>
    /// <param name="options">Links, modes and keys.</param>
    /// <param name="time">The clock; default the system clock.</param>
    public ApprovalRequestStep(IIncidentStore store, IIncidentEventSink events, ApprovalOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _events = events;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Asks for approval of the incident's planned change.</summary>
    /// <param name="request">The step payload.</param>
    /// <param name="context">The invocation: logger, metrics, deadline.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="ApprovalRequestException">The incident or its plan is missing, the plan is not waiting for approval, or its change is unreadable.</exception>
    /// <exception cref="IncidentEventPublishException">The bus refused the event (the attempt is closed as failed; a retry publishes again).</exception>
    public async Task<ApprovalStepResult> RequestAsync(ApprovalStepEvent request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        string id = request.IncidentId;
        context.Metrics.AddMetadata("incidentId", id);
        var state = await ApprovalState.LoadAsync(_store, id, cancellationToken).ConfigureAwait(false)
            ?? throw new ApprovalRequestException($"Incident {id} is not in the incident store; there is nothing to approve.");
        var plan = state.Plan ?? throw new ApprovalRequestException($"Incident {id} has no plan entry; the plan step must run before approval is requested.");
        if (plan.Decision != "approve")
        {
            throw new ApprovalRequestException($"Incident {id}'s plan decided \"{plan.Decision ?? "(nothing)"}\", not \"approve\"; approval is not requested for it.");
        }

        ProposedChange change;
        try
        {
            change = plan.ReadChange();
        }
        catch (FormatException e)
        {
            throw new ApprovalRequestException($"Incident {id}'s planned change cannot be approved: {e.Message}.", e);
        }

        var approvalUrl = _options.ApprovalUrl ?? request.ApprovalUrl;
        if (_options.AuthMode == ApprovalAuthMode.Link && approvalUrl is null)
        {
            throw new ApprovalRequestException("Approval links need the approval Function URL: set EKSOPS_APPROVAL_URL, or pass approvalUrl in the request step's payload.");
        }

        var now = _time.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + TimeSpan.FromSeconds(request.TimeoutSeconds)).ToUnixTimeSeconds());
        ApprovalStepResult result;
        if (state.Request is { } existing)
        {
            await RecordTokenAsync(existing, request, expiresAt, now, context).ConfigureAwait(false);
            result = new ApprovalStepResult
            {
                IncidentId = id,
                Outcome = "already-requested",
                EventId = JsonRead.String(existing.Data, "eventId"),
                ExpiresAt = JsonRead.Time(existing.Data, "expiresAt"),
            };
        }
        else
        {
            // Null when another invocation holds the publish claim: it may have published (and died) or be publishing now.
            // Recording the token anyway keeps any links it published working, since links are checked by signature, not by the store.
            var published = await PublishOnceAsync(state, plan, change, expiresAt, approvalUrl, context).ConfigureAwait(false);
            if (published is null)
            {
                context.Logger.LogWarning($"approval: another invocation claimed publishing Approval Requested for {id} and has not recorded it; nothing is published twice, and this task token is recorded so that its links work.");
            }

            var entry = new TimelineEntry
            {
                Key = ApprovalTimelineKeys.ApprovalRequested,
                Kind = TimelineKind.ApprovalRequested,
                At = now,
                Summary = $"Approval requested for {change.Summary} ({change.Target}); decide before {ApprovalLinkSigner.Iso(published?.ExpiresAt ?? expiresAt)}.",
                Data = new JsonObject
                {
                    ["taskToken"] = request.TaskToken,
                    ["timeoutSeconds"] = request.TimeoutSeconds,
                    ["expiresAt"] = ApprovalLinkSigner.Iso(published?.ExpiresAt ?? expiresAt),
                    ["links"] = published?.Links.DeepClone(),
                    ["eventId"] = published?.EventId,
                    ["publish"] = published is null ? "in-doubt" : "published",
                    ["patchHash"] = change.PatchHash,
                    ["authMode"] = _options.AuthMode == ApprovalAuthMode.Link ? "link" : "iam",
                },
            };
            if (!await _store.AppendAsync(id, entry, cancellationToken).ConfigureAwait(false)
                && await _store.FindEntryAsync(id, entry.Key, cancellationToken).ConfigureAwait(false) is { } concurrent)
            {
                await RecordTokenAsync(concurrent, request, expiresAt, now, context).ConfigureAwait(false);
            }

            result = published is null
                ? new ApprovalStepResult { IncidentId = id, Outcome = "in-doubt", ExpiresAt = expiresAt }
                : new ApprovalStepResult { IncidentId = id, Outcome = "requested", EventId = published.EventId, ExpiresAt = published.ExpiresAt };
        }

        await _store.UpdateAsync(id, new IncidentUpdate
        {
            Status = IncidentStatus.AwaitingApproval,
            StatusReason = $"Waiting for a human to approve or deny {change.Summary} ({change.Target}).",
            OnlyIfNotClosed = true,
            At = now,
        }, cancellationToken).ConfigureAwait(false);
        Count(context, result.Outcome);
        context.Logger.LogInformation(
            $"approval {result.Outcome} for {id}: {change.Summary}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["incidentId"] = id, ["outcome"] = result.Outcome, ["eventId"] = result.EventId ?? string.Empty });
        return result;
    }

    /// <summary>The key of a retry's token entry: a digest of the token, so the same retry delivered twice records it once.</summary>
    internal static string RetryKey(string taskToken) =>
        ApprovalTimelineKeys.ApprovalRetryPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskToken)).AsSpan(0, 8));

    private static void Count(ILambdaContext context, string outcome)
    {
        context.Metrics.AddDimension("Outcome", outcome);
        context.Metrics.AddMetric("ApprovalRequests", 1, MetricUnit.Count);
    }

    /// <summary>Records the token of a retried request step when it differs from the one already recorded.</summary>
    private async Task RecordTokenAsync(TimelineEntry existing, ApprovalStepEvent request, DateTimeOffset expiresAt, DateTimeOffset now, ILambdaContext context)
    {
        if (JsonRead.String(existing.Data, "taskToken") == request.TaskToken)
        {
            return;
        }

        bool added = await _store.AppendAsync(request.IncidentId, new TimelineEntry
        {
            Key = RetryKey(request.TaskToken),
            Kind = TimelineKind.ApprovalRequested,
            At = now,
            Summary = "The approval request step was retried with a new task token; decisions go to it. Nothing was published again.",
            Data = new JsonObject
            {
                ["taskToken"] = request.TaskToken,
                ["timeoutSeconds"] = request.TimeoutSeconds,
                ["expiresAt"] = ApprovalLinkSigner.Iso(expiresAt),
            },
        }, context.CancellationToken).ConfigureAwait(false);
        if (added)
        {
            context.Logger.LogInformation($"approval: recorded the retried request step's new task token for {request.IncidentId}");
        }
    }

    /// <summary>Publishes Approval Requested at most once (see the remarks on the class); <see langword="null"/> when another invocation holds the claim.</summary>
    private async Task<Published?> PublishOnceAsync(ApprovalState state, PlanView plan, ProposedChange change, DateTimeOffset expiresAt, Uri? approvalUrl, ILambdaContext context)
    {
        var cancellationToken = context.CancellationToken;
        string id = state.Incident.Id;
        for (int attempt = 1; attempt <= MaxPublishAttempts; attempt++)
        {
            string slot = $"publish:{ApprovalTimelineKeys.ApprovalRequested}:{attempt}";
            var claim = await _store.ClaimAsync(id, slot, cancellationToken).ConfigureAwait(false);
            switch (claim.State)
            {
                case StepClaimState.InProgress:
                    return null;
                case StepClaimState.Completed when JsonRead.String(claim.Result, "eventId") is { } eventId:
                    // An earlier invocation published and then failed before recording it: record what it published.
                    return new Published(
                        eventId,
                        claim.Result!["links"] as JsonObject ?? [],
                        JsonRead.Time(claim.Result, "expiresAt") ?? expiresAt);
                case StepClaimState.Completed:
                    continue;
            }

            var links = Links(id, change.PatchHash, expiresAt, approvalUrl);
            var incidentEvent = new IncidentEvent
            {
                DetailType = IncidentEventTypes.ApprovalRequested,
                IncidentId = id,
                Detail = ApprovalRequestDetail.Build(state, plan, change, links, expiresAt, _options.AuthMode, approvalUrl),
                Time = _time.GetUtcNow(),
                Resources = new[] { state.Incident.AlarmArn, state.Incident.ExecutionArn }.OfType<string>().ToList(),
            };
            string published;
            try
            {
                published = await _events.PublishAsync(incidentEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Closing the slot as failed lets a retry publish; the failure itself goes to the state machine (AwsThrottlingException is retried there).
                await _store.CompleteAsync(id, slot, new JsonObject { ["failed"] = e.Message }, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            await _store.CompleteAsync(id, slot, new JsonObject
            {
                ["eventId"] = published,
                ["expiresAt"] = ApprovalLinkSigner.Iso(expiresAt),
                ["links"] = links.DeepClone(),
            }, cancellationToken).ConfigureAwait(false);
            return new Published(published, links, expiresAt);
        }

        throw new ApprovalRequestException($"Approval Requested for incident {id} failed to publish {MaxPublishAttempts} times; giving up.");
    }

    private JsonObject Links(string incidentId, string patchHash, DateTimeOffset expiresAt, Uri? approvalUrl)
    {
        if (_options.AuthMode != ApprovalAuthMode.Link || approvalUrl is null)
        {
            return [];
        }

        return new JsonObject
        {
            ["approve"] = _options.Links!.Create(incidentId, ApprovalDecision.Approve, patchHash, expiresAt).ToUri(approvalUrl).AbsoluteUri,
            ["deny"] = _options.Links!.Create(incidentId, ApprovalDecision.Deny, patchHash, expiresAt).ToUri(approvalUrl).AbsoluteUri,
        };
    }

    private sealed record Published(string EventId, JsonObject Links, DateTimeOffset ExpiresAt);
}
