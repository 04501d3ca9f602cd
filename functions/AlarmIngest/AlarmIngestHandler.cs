using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;

namespace EksOps.AlarmIngest;

/// <summary>
/// Reads a CloudWatch alarm state change, in the EventBridge envelope or as the alarm's direct Lambda action payload,
/// and acts on it: an alarm entering <c>ALARM</c> opens an incident (or joins the one its workload already has) and
/// starts the incident state machine; a return to <c>OK</c> resolves the alarm's open incident; anything else is ignored.
/// </summary>
/// <remarks>
/// <para>
/// Every step is idempotent, so EventBridge and Lambda may deliver an event any number of times, concurrently or after
/// a crash at any point: the incident id is the execution name derived from the transition
/// (<see cref="IncidentKeys.ExecutionName(AlarmStateChange)"/>), the store opens it once, <c>StartExecution</c> is
/// idempotent by name, timeline entries are unique by key, and each event is published under a store claim.
/// </para>
/// <para>
/// With <see cref="AlarmIngestSettings.RequiredAlarmTags"/> (<c>EKSOPS_ALARM_TAGS</c>), an alarm that would open or
/// resolve an incident is first checked against the filter with its tags (<see cref="IAlarmTagSource"/>); one that lacks
/// a required tag is ignored, with the unmet requirements in the result (<see cref="AlarmIngestResult.MissingAlarmTags"/>)
/// and the log. The same check applies to returns to <c>OK</c>: an ignored alarm never opened an incident, so its
/// <c>OK</c> is ignored without reading the store. Transitions ignored anyway (<c>INSUFFICIENT_DATA</c>, suppressed
/// actions) read no tags.
/// </para>
/// <para>
/// An event that is not an alarm state change fails the invocation with <see cref="InvalidAlarmEventException"/>; an
/// alarm whose tags cannot be read (access denied, alarm deleted) fails it with <see cref="AlarmTagsUnavailableException"/>,
/// logged as an error, so the event is retried and then kept in the dead-letter queue, never silently dropped.
/// Throttling by the store, Step Functions, EventBridge or CloudWatch fails it with <see cref="Aws.AwsThrottlingException"/>,
/// and the redelivery finishes the work. Metrics: <c>AlarmEvents</c> (by <c>Decision</c>), <c>IncidentsOpened</c>,
/// <c>AlarmsCorrelated</c> (folded into another alarm's incident), <c>DuplicateAlarmEvents</c> (a transition delivered
/// again), <c>IncidentsResolved</c>, and <c>AlarmsIgnored</c> in a document of its own by <c>Reason</c>
/// (<see cref="IgnoreReasons"/>).
/// </para>
/// </remarks>
public sealed class AlarmIngestHandler
{
    /// <summary>The timeline key of the alarm transition that opened an incident.</summary>
    public const string AlarmEntryKey = "alarm";

    /// <summary>The timeline key of an alarm return to OK that resolved an incident.</summary>
    public const string ResolutionEntryKey = "resolution";

    private const int MaxTraceHeaderLength = 256;

    private readonly IIncidentStore _store;
    private readonly IExecutionStarter _starter;
    private readonly IIncidentEventSink _events;
    private readonly AlarmIngestSettings _settings;
    private readonly TimeProvider _time;
    private readonly IAlarmTagSource? _alarmTags;

    /// <summary>Creates the handler over its dependencies (<see cref="AlarmIngestHost"/> composes them from the environment).</summary>
    /// <param name="store">The incident store.</param>
    /// <param name="starter">Starts the incident state machine.</param>
    /// <param name="events">Publishes incident events.</param>
    /// <param name="settings">The state machine, the correlation window, the workflow settings and the alarm tag filter.</param>
    /// <param name="time">The clock; default the system clock.</param>
    /// <param name="alarmTags">Reads alarms' tags; required when <see cref="AlarmIngestSettings.RequiredAlarmTags"/> is set, unused otherwise.</param>
    /// <exception cref="ArgumentException">The settings require alarm tags and <paramref name="alarmTags"/> is <see langword="null"/>.</exception>
    public AlarmIngestHandler(
        IIncidentStore store, IExecutionStarter starter, IIncidentEventSink events, AlarmIngestSettings settings, TimeProvider? time = null, IAlarmTagSource? alarmTags = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _starter = starter ?? throw new ArgumentNullException(nameof(starter));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? TimeProvider.System;
        if (settings.RequiredAlarmTags is not null && alarmTags is null)
        {
            throw new ArgumentException(
                $"The settings require alarm tags ({settings.RequiredAlarmTags}) but no {nameof(IAlarmTagSource)} was given to read them.", nameof(alarmTags));
        }

        _alarmTags = alarmTags;
    }

    /// <summary>Handles one event.</summary>
    /// <param name="alarmEvent">The raw event.</param>
    /// <param name="context">The invocation context.</param>
    /// <returns>The decision, the alarm, and what became of its incident.</returns>
    /// <exception cref="InvalidAlarmEventException">The event is not a CloudWatch alarm state change.</exception>
    /// <exception cref="AlarmTagsUnavailableException">A tag filter is set and the alarm's tags cannot be read.</exception>
    /// <exception cref="Aws.AwsThrottlingException">A service throttled a call on every attempt; a redelivery finishes the work.</exception>
    public async Task<AlarmIngestResult> HandleAsync(JsonElement alarmEvent, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = AlarmEventParser.Parse(alarmEvent);
        var (decision, reason, ignoredBecause) = Classify(change);
        IReadOnlyList<string>? missingAlarmTags = null;
        if (decision != IncidentDecision.Ignore && _settings.RequiredAlarmTags is { } filter)
        {
            var unmet = await UnmetTagRequirementsAsync(change, filter, context).ConfigureAwait(false);
            if (unmet is not null)
            {
                (decision, reason, ignoredBecause) = (IncidentDecision.Ignore, unmet.Reason, IgnoreReasons.AlarmTags);
                missingAlarmTags = unmet.Requirements;
            }
        }

        var result = new AlarmIngestResult
        {
            Decision = decision,
            Reason = reason,
            AlarmName = change.AlarmName,
            AlarmArn = change.AlarmArn,
            AlarmKind = change.Kind.ToString(),
            State = StateName(change.State.Value),
            PreviousState = change.PreviousState is { } previous ? StateName(previous.Value) : null,
            StateTimestamp = change.State.Timestamp,
            ExecutionName = decision == IncidentDecision.Open ? IncidentKeys.ExecutionName(change) : null,
            MissingAlarmTags = missingAlarmTags,
        };

        context.Metrics.AddDimension("Decision", decision.ToString());
        context.Metrics.AddMetric("AlarmEvents", 1, MetricUnit.Count);
        context.Metrics.AddMetadata("alarmName", change.AlarmName);
        if (ignoredBecause is not null)
        {
            // A document of its own, so that the reason does not become a dimension of AlarmEvents too.
            context.Metrics.PushMetrics([new("Reason", ignoredBecause)], [new MetricValue("AlarmsIgnored", 1, MetricUnit.Count)]);
        }

        result = decision switch
        {
            IncidentDecision.Open => await OpenAsync(alarmEvent, change, result, context).ConfigureAwait(false),
            IncidentDecision.Close => await CloseAsync(change, result, context).ConfigureAwait(false),
            _ => result,
        };

        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alarmName"] = change.AlarmName,
            ["alarmKind"] = result.AlarmKind,
            ["state"] = result.State,
            ["decision"] = decision.ToString(),
        };
        if (result.IncidentId is { } incidentId)
        {
            properties["incidentId"] = incidentId;
        }

        if (result.Correlation is { } correlation)
        {
            properties["correlation"] = correlation.ToString();
        }

        if (ignoredBecause is not null)
        {
            properties["ignoredBecause"] = ignoredBecause;
        }

        if (missingAlarmTags is not null)
        {
            properties["missingAlarmTags"] = string.Join(',', missingAlarmTags);
        }

        context.Logger.LogInformation($"{decision}: {result.Reason}", properties);
        return result;
    }

    /// <summary>
    /// The incident decision for an alarm transition, with its reason, from the event alone: the alarm tag filter
    /// (<see cref="AlarmIngestSettings.RequiredAlarmTags"/>), which needs the alarm's tags, is applied after it by
    /// <see cref="HandleAsync"/>.
    /// </summary>
    /// <param name="change">The parsed state change.</param>
    /// <returns>The decision and a one-sentence reason.</returns>
    public static (IncidentDecision Decision, string Reason) Decide(AlarmStateChange change)
    {
        var (decision, reason, _) = Classify(change);
        return (decision, reason);
    }

    /// <summary><see cref="Decide"/>, and for an ignored transition its <see cref="IgnoreReasons"/> code.</summary>
    private static (IncidentDecision Decision, string Reason, string? IgnoredBecause) Classify(AlarmStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var previous = change.PreviousState?.Value;
        // A composite alarm with an actions suppressor reports ALARM while its actions are held back (the suppressor
        // is in ALARM, or CloudWatch is waiting for it). When the hold ends CloudWatch sends ALARM again without
        // actionsSuppressedBy, and that event opens the incident, so none is lost by ignoring this one.
        if (change.State.ActionsSuppressedBy is { Length: > 0 } suppressedBy)
        {
            return (IncidentDecision.Ignore,
                $"The composite alarm's actions are suppressed ({suppressedBy}: {change.State.ActionsSuppressedReason}); " +
                "CloudWatch sends the alarm again when the suppression ends.",
                IgnoreReasons.ActionsSuppressed);
        }

        return change.State.Value switch
        {
            AlarmStateValue.Alarm => (IncidentDecision.Open, $"The alarm entered ALARM from {(previous is { } p ? StateName(p) : "an unknown state")}.", null),
            AlarmStateValue.Ok when previous == AlarmStateValue.Alarm => (IncidentDecision.Close, "The alarm returned to OK from ALARM.", null),
            AlarmStateValue.Ok => (IncidentDecision.Ignore, $"The alarm entered OK from {(previous is { } p ? StateName(p) : "an unknown state")}, not from ALARM.", IgnoreReasons.NotFromAlarm),
            _ => (IncidentDecision.Ignore, "INSUFFICIENT_DATA says the metric stopped reporting, not that the workload is unhealthy.", IgnoreReasons.InsufficientData),
        };
    }

    /// <summary>The state machine input: <c>{"incidentId", "alarm": the event as received, "settings": {…}}</c>, identical for every delivery of one event.</summary>
    /// <param name="incidentId">The incident id (the execution name).</param>
    /// <param name="alarmEvent">The event as received.</param>
    /// <returns>The input JSON.</returns>
    public string ExecutionInput(string incidentId, JsonElement alarmEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("incidentId", incidentId);
            writer.WritePropertyName("alarm");
            writer.WriteRawValue(alarmEvent.GetRawText(), skipInputValidation: true);
            writer.WriteStartObject("settings");
            writer.WriteNumber("approvalTimeoutSeconds", _settings.ApprovalTimeoutSeconds);
            writer.WriteNumber("verifyWaitSeconds", _settings.VerifyWaitSeconds);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string StateName(AlarmStateValue value) => value switch
    {
        AlarmStateValue.Alarm => "ALARM",
        AlarmStateValue.Ok => "OK",
        _ => "INSUFFICIENT_DATA",
    };

    /// <summary>The X-Ray header to pass on, if Step Functions takes it (at most 256 ASCII characters; a longer one would fail the start).</summary>
    private static string? TraceHeader(string? traceId) =>
        traceId is { Length: > 0 and <= MaxTraceHeaderLength } && Ascii.IsValid(traceId) ? traceId : null;

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The alarm transition as the timeline and the events record it.</summary>
    private static JsonObject Transition(AlarmStateChange change, string correlationKey) => new()
    {
        ["alarmName"] = change.AlarmName,
        ["alarmArn"] = change.AlarmArn,
        ["alarmKind"] = change.Kind.ToString(),
        ["accountId"] = change.AccountId,
        ["region"] = change.Region,
        ["state"] = StateName(change.State.Value),
        ["previousState"] = change.PreviousState is { } previous ? StateName(previous.Value) : null,
        ["stateTimestamp"] = Timestamp(change.State.Timestamp),
        ["reason"] = change.State.Reason,
        ["correlationKey"] = correlationKey,
        ["cluster"] = IncidentKeys.ClusterName(change),
        ["deliveredAs"] = change.Source.ToString(),
        ["eventId"] = change.EventId,
    };

    /// <summary>
    /// The requirements of <paramref name="filter"/> the alarm does not meet, with the reason to log, or
    /// <see langword="null"/> when it meets them all. An alarm whose tags cannot be read is logged as an error and fails
    /// the invocation (see <see cref="AlarmTagsUnavailableException"/>).
    /// </summary>
    private async Task<UnmetTags?> UnmetTagRequirementsAsync(AlarmStateChange change, AlarmTagFilter filter, ILambdaContext context)
    {
        IReadOnlyDictionary<string, string> tags;
        try
        {
            tags = await _alarmTags!.GetTagsAsync(change.AlarmArn, context.CancellationToken).ConfigureAwait(false);
        }
        catch (AlarmTagsUnavailableException e)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["alarmName"] = change.AlarmName,
                ["alarmArn"] = change.AlarmArn,
                ["state"] = StateName(change.State.Value),
            };
            if (e.ErrorCode is { } code)
            {
                properties["errorCode"] = code;
            }

            context.Logger.Log(LambdaLogLevel.Error, $"The tags of {change.AlarmName} cannot be checked against {AlarmIngestSettings.AlarmTagsVariable}; the event fails: {e.Message}", e, properties);
            throw;
        }

        var unmet = filter.FindUnmet(tags);
        if (unmet.Count == 0)
        {
            return null;
        }

        return new UnmetTags(
            [.. unmet.Select(requirement => requirement.ToString())],
            $"The alarm's tags do not match {AlarmIngestSettings.AlarmTagsVariable} ({filter}): " +
            $"{string.Join("; ", unmet.Select(requirement => requirement.DescribeMismatch(tags)))}. AlarmIngest does not act on it.");
    }

    private async Task<AlarmIngestResult> OpenAsync(JsonElement alarmEvent, AlarmStateChange change, AlarmIngestResult result, ILambdaContext context)
    {
        var ct = context.CancellationToken;
        var incidentId = result.ExecutionName!;
        var correlationKey = IncidentKeys.CorrelationKey(change);
        var now = _time.GetUtcNow();
        var candidate = new IncidentRecord
        {
            Id = incidentId,
            CorrelationKey = correlationKey,
            AlarmName = change.AlarmName,
            AlarmArn = change.AlarmArn,
            Cluster = IncidentKeys.ClusterName(change),
            Status = IncidentStatus.Open,
            StatusReason = result.Reason,
            OpenedAt = change.State.Timestamp,
            UpdatedAt = now,
        };
        var correlation = await _store.OpenOrJoinAsync(candidate, _settings.CorrelationWindow, ct).ConfigureAwait(false);
        var incident = correlation.Incident;
        result = result with
        {
            IncidentId = incident.Id,
            Correlation = correlation.Created ? IncidentCorrelation.Created : IncidentCorrelation.Joined,
            CorrelationKey = correlationKey,
            ExecutionArn = incident.ExecutionArn,
            IncidentStatus = incident.Status.ToString(),
        };

        if (incident.Id != incidentId)
        {
            // Another alarm on the same workload opened the incident within the window: record this one there, start nothing.
            await _store.AppendAsync(incident.Id, new TimelineEntry
            {
                Key = "alarm:" + incidentId,
                Kind = TimelineKind.AlarmCorrelated,
                At = change.State.Timestamp,
                Summary = $"{change.AlarmName} entered ALARM and was folded into this incident (same workload within {_settings.CorrelationWindow.TotalSeconds:0} s).",
                Data = Transition(change, correlationKey),
            }, ct).ConfigureAwait(false);
            context.Metrics.AddMetric("AlarmsCorrelated", 1, MetricUnit.Count);
            return result with { Reason = $"{result.Reason} It joined incident {incident.Id}, opened by {incident.AlarmName} on the same workload." };
        }

        // This transition's own incident, opened now or by an earlier delivery that may have stopped at any point since:
        // finish every step, each of which is a no-op when already done.
        await _store.AppendAsync(incidentId, new TimelineEntry
        {
            Key = AlarmEntryKey,
            Kind = TimelineKind.Alarm,
            At = change.State.Timestamp,
            Summary = $"{change.AlarmName} entered ALARM: {change.State.Reason}",
            Data = Transition(change, correlationKey),
        }, ct).ConfigureAwait(false);

        var executionArn = incident.ExecutionArn;
        if (executionArn is null)
        {
            var started = await _starter.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = _settings.StateMachineArn,
                Name = incidentId,
                Input = ExecutionInput(incidentId, alarmEvent),
                TraceHeader = TraceHeader(context.TraceId),
            }, ct).ConfigureAwait(false);
            executionArn = started.ExecutionArn;
            await _store.UpdateAsync(incidentId, new IncidentUpdate { At = _time.GetUtcNow(), ExecutionArn = executionArn }, ct).ConfigureAwait(false);
        }

        var eventId = await PublishOnceAsync(incidentId, new IncidentEvent
        {
            DetailType = IncidentEventTypes.IncidentOpened,
            IncidentId = incidentId,
            Time = change.State.Timestamp,
            Resources = [change.AlarmArn, executionArn],
            Detail = new JsonObject
            {
                ["alarmName"] = change.AlarmName,
                ["alarmArn"] = change.AlarmArn,
                ["alarmKind"] = change.Kind.ToString(),
                ["accountId"] = change.AccountId,
                ["region"] = change.Region,
                ["cluster"] = incident.Cluster,
                ["correlationKey"] = correlationKey,
                ["reason"] = change.State.Reason,
                ["openedAt"] = Timestamp(change.State.Timestamp),
                ["executionArn"] = executionArn,
            },
        }, ct).ConfigureAwait(false);

        context.Metrics.AddMetric(correlation.Created ? "IncidentsOpened" : "DuplicateAlarmEvents", 1, MetricUnit.Count);

        return result with
        {
            ExecutionArn = executionArn,
            EventId = eventId,
            Reason = correlation.Created
                ? $"{result.Reason} It opened incident {incidentId}."
                : $"{result.Reason} This transition was delivered before; incident {incidentId} is in hand.",
        };
    }

    private async Task<AlarmIngestResult> CloseAsync(AlarmStateChange change, AlarmIngestResult result, ILambdaContext context)
    {
        var ct = context.CancellationToken;
        // The open incident this alarm opened; or, when an earlier delivery of this OK already resolved it but stopped
        // before publishing, the incident of the ALARM transition this OK ends (its id is derived from that transition).
        var incident = await _store.FindOpenByAlarmAsync(change.AlarmArn, ct).ConfigureAwait(false)
            ?? await _store.GetAsync(IncidentKeys.ExecutionName(change.AlarmName, change.AlarmArn, change.PreviousState!.Timestamp), ct).ConfigureAwait(false);
        if (incident is null)
        {
            return result with { Reason = $"{result.Reason} The alarm has no open incident." };
        }

        var resolved = incident.Status.IsClosed()
            ? incident
            : await _store.UpdateAsync(incident.Id, new IncidentUpdate
            {
                At = _time.GetUtcNow(),
                Status = IncidentStatus.Resolved,
                StatusReason = $"{change.AlarmName} returned to OK at {Timestamp(change.State.Timestamp)}.",
                OnlyIfNotClosed = true,
            }, ct).ConfigureAwait(false);
        result = result with { IncidentId = resolved.Id, ExecutionArn = resolved.ExecutionArn, IncidentStatus = resolved.Status.ToString() };
        if (resolved.Status != IncidentStatus.Resolved)
        {
            return result with { Reason = $"{result.Reason} Incident {resolved.Id} was already closed ({resolved.Status})." };
        }

        var data = Transition(change, resolved.CorrelationKey);
        await _store.AppendAsync(resolved.Id, new TimelineEntry
        {
            Key = ResolutionEntryKey,
            Kind = TimelineKind.Resolution,
            At = change.State.Timestamp,
            Summary = $"{change.AlarmName} returned to OK: {change.State.Reason}",
            Data = data,
        }, ct).ConfigureAwait(false);
        var eventId = await PublishOnceAsync(resolved.Id, new IncidentEvent
        {
            DetailType = IncidentEventTypes.IncidentResolved,
            IncidentId = resolved.Id,
            Time = change.State.Timestamp,
            Resources = resolved.ExecutionArn is { } arn ? [change.AlarmArn, arn] : [change.AlarmArn],
            Detail = new JsonObject
            {
                ["alarmName"] = change.AlarmName,
                ["alarmArn"] = change.AlarmArn,
                ["cluster"] = resolved.Cluster,
                ["resolvedBy"] = "alarm",
                ["reason"] = resolved.StatusReason,
                ["resolvedAt"] = Timestamp(change.State.Timestamp),
                ["rootCause"] = resolved.RootCause,
                ["runbook"] = resolved.Runbook,
                ["executionArn"] = resolved.ExecutionArn,
            },
        }, ct).ConfigureAwait(false);
        if (eventId is not null)
        {
            context.Metrics.AddMetric("IncidentsResolved", 1, MetricUnit.Count);
        }

        return result with { EventId = eventId, Reason = $"{result.Reason} Incident {resolved.Id} is resolved." };
    }

    /// <summary>
    /// Publishes the event unless its claim (<see cref="IncidentEventTypes.ClaimKey"/>) is completed, or held by a
    /// delivery that claimed it less than <see cref="AlarmIngestSettings.StalePublishClaimAfter"/> ago; records the event
    /// id in the claim and on the timeline. Returns the event id when this call published it.
    /// </summary>
    private async Task<string?> PublishOnceAsync(string incidentId, IncidentEvent incidentEvent, CancellationToken ct)
    {
        var claimKey = IncidentEventTypes.ClaimKey(incidentEvent.DetailType);
        var claim = await _store.ClaimAsync(incidentId, claimKey, ct).ConfigureAwait(false);
        var stale = claim is { State: StepClaimState.InProgress, ClaimedAt: { } claimedAt }
            && _time.GetUtcNow() - claimedAt >= _settings.StalePublishClaimAfter;
        if (claim.State != StepClaimState.Claimed && !stale)
        {
            return null;
        }

        var eventId = await _events.PublishAsync(incidentEvent, ct).ConfigureAwait(false);
        await _store.CompleteAsync(incidentId, claimKey, new JsonObject { ["eventId"] = eventId }, ct).ConfigureAwait(false);
        await _store.AppendAsync(incidentId, new TimelineEntry
        {
            Key = claimKey,
            Kind = TimelineKind.Event,
            At = _time.GetUtcNow(),
            Summary = $"{incidentEvent.DetailType} published ({eventId}).",
            Data = new JsonObject { ["detailType"] = incidentEvent.DetailType, ["eventId"] = eventId },
        }, ct).ConfigureAwait(false);
        return eventId;
    }

    /// <summary>The requirements an alarm does not meet (as written in the filter) and the sentence that says so.</summary>
    private sealed record UnmetTags(IReadOnlyList<string> Requirements, string Reason);
}
