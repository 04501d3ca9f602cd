using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.IncidentEvents;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentFlow.Reporting;
using EksOps.IncidentStore;
using EksOps.Lambda;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>escalate</c> (Report): hands the incident to a human, whatever ran before. The reason comes from the execution
/// state's <c>error</c> (<c>{Error, Cause}</c> from a <c>Catch</c>: <c>ApprovalDenied</c>, <c>ApprovalTimedOut</c>,
/// <c>VerificationFailed</c>, a task's exception), else from the plan's decision to escalate. Writes the report with
/// what exists (a diagnosis that never ran is reported as such), an <c>escalation</c> entry, sets status Escalated and
/// publishes <c>Incident Escalated</c> (once) with the report's headline.
/// </summary>
/// <remarks>
/// <para>The report goes to the <c>report</c> entry, or to <c>report:escalation</c> when a <c>report</c> step wrote one
/// and then failed. An incident missing from the store is still escalated from the execution state (event and log; nothing
/// can be stored).</para>
/// <para>Returns <c>status</c>, <c>eventIds</c>, <c>reason</c> and <c>headline</c>.</para>
/// </remarks>
/// <param name="store">The incident store.</param>
/// <param name="events">Where <c>Incident Escalated</c> goes.</param>
/// <param name="time">The clock.</param>
public sealed class EscalateStep(IIncidentStore store, IIncidentEventSink events, TimeProvider time) : IIncidentStep
{
    /// <inheritdoc/>
    public string Name => StepNames.Escalate;

    /// <inheritdoc/>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(store, request.IncidentId, time, context.CancellationToken);
        var state = request.Payload["state"] as JsonObject;
        var record = await timeline.FindRecordAsync().ConfigureAwait(false);
        var entries = record is null ? [] : await timeline.AllAsync().ConfigureAwait(false);
        var plan = entries.FirstOrDefault(e => e.Key == TimelineKeys.Plan)?.Data;
        var verification = entries.FirstOrDefault(e => e.Key == TimelineKeys.Verification)?.Data;
        var escalation = Reason(Node.Obj(state, "error"), plan, verification);
        var alarmEvent = Node.Obj(state, "alarm");
        if (record is null)
        {
            context.Logger.LogError($"incident {request.IncidentId} is not in the store; escalating from the execution state alone");
            record = Synthetic(request.IncidentId, alarmEvent, timeline.Now);
        }

        var change = entries.FirstOrDefault(e => e.Key == TimelineKeys.Change)?.Data;
        var rollback = entries.FirstOrDefault(e => e.Key == TimelineKeys.Rollback)?.Data;
        var draft = IncidentReportBuilder.Build(request.IncidentId, record, entries, IncidentStatus.Escalated, "escalated", timeline.Now, escalation, alarmEvent);
        string eventId = await OnceOnlyEvents.PublishAsync(
            timeline,
            events,
            FlowEvents.IncidentEscalatedClaim,
            FlowEvents.IncidentEscalated(
                record,
                entries.FirstOrDefault(e => e.Key == TimelineKeys.Analysis)?.Data,
                plan,
                escalation.Reason,
                Node.Obj(state, "error"),
                applied: change is not null,
                rolledBack: rollback is null ? null : Node.Bool(rollback, "rolledBack"),
                draft.Headline,
                timeline.Now)).ConfigureAwait(false);
        escalation = escalation with { EventId = eventId };

        await timeline.AppendAsync(
            TimelineKeys.Escalation,
            TimelineKind.Escalation,
            "escalated: " + escalation.Reason,
            Node.WithoutNulls(new JsonObject { ["reason"] = escalation.Reason, ["error"] = escalation.Error, ["cause"] = escalation.Cause, ["eventId"] = eventId })).ConfigureAwait(false);
        var report = IncidentReportBuilder.Build(request.IncidentId, record, await timeline.AllAsync().ConfigureAwait(false), IncidentStatus.Escalated, "escalated", timeline.Now, escalation, alarmEvent);
        var reportEntry = await timeline.EntryAsync(TimelineKeys.Report).ConfigureAwait(false);
        string key = reportEntry is null || reportEntry.Kind != TimelineKind.Report || Node.Str(reportEntry.Data, "outcome") == "escalated"
            ? TimelineKeys.Report
            : TimelineKeys.EscalationReport;
        await timeline.AppendAsync(key, TimelineKind.Report, "report: " + report.Headline, report.ToJson()).ConfigureAwait(false);
        try
        {
            await timeline.UpdateAsync(new IncidentUpdate { Status = IncidentStatus.Escalated, StatusReason = escalation.Reason, OnlyIfNotClosed = true, At = timeline.Now }).ConfigureAwait(false);
        }
        catch (KeyNotFoundException e)
        {
            context.Logger.LogWarning($"incident {request.IncidentId} could not be marked escalated: {e.Message}");
        }

        return new JsonObject
        {
            ["status"] = IncidentStatus.Escalated.ToString(),
            ["eventIds"] = new JsonArray(eventId),
            ["reason"] = escalation.Reason,
            ["headline"] = report.Headline,
        };
    }

    /// <summary>Why the incident is escalated, from the caught error, else the plan.</summary>
    internal static ReportEscalation Reason(JsonObject? error, JsonObject? plan, JsonObject? verification)
    {
        string? name = Node.Str(error, "Error");
        string? cause = Node.Str(error, "Cause");
        string? message = CauseMessage(cause);
        string reason = name switch
        {
            null when Node.Str(plan, "decision") == PlanDecisions.Escalate => Node.Str(plan, "reason") ?? "the plan decided to escalate",
            null => "the flow escalated without recording an error",
            "ApprovalDenied" => "a human denied the planned change" + (message is null ? string.Empty : ": " + message),
            "ApprovalTimedOut" => "nobody approved or denied the planned change before the approval timeout",
            "VerificationFailed" => "the change did not bring the workload back" + (Node.Str(verification, "reason") is { } why ? ": " + why : string.Empty),
            _ => $"the {name} error stopped the flow" + (message is null ? string.Empty : ": " + message),
        };
        return new ReportEscalation { Reason = reason, Error = name, Cause = cause };
    }

    /// <summary>The message of a cause: a Lambda error document's <c>errorMessage</c>, else the text itself.</summary>
    private static string? CauseMessage(string? cause)
    {
        if (string.IsNullOrWhiteSpace(cause))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(cause) is JsonObject document && Node.Str(document, "errorMessage") is { } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not an error document: the cause is the message.
        }

        return cause;
    }

    /// <summary>A stand-in record for an incident the store does not hold, from the execution state's alarm.</summary>
    private static IncidentRecord Synthetic(string incidentId, JsonObject? alarmEvent, DateTimeOffset now)
    {
        AlarmStateChange? alarm = null;
        if (alarmEvent is not null)
        {
            try
            {
                alarm = AlarmEventParser.Parse(alarmEvent.ToJsonString());
            }
            catch (InvalidAlarmEventException)
            {
                // Escalate with what there is.
            }
        }

        return new IncidentRecord
        {
            Id = incidentId,
            CorrelationKey = incidentId,
            AlarmName = alarm?.AlarmName ?? "(unknown alarm)",
            AlarmArn = alarm?.AlarmArn ?? "arn:aws:cloudwatch:unknown",
            Status = IncidentStatus.Escalated,
            OpenedAt = alarm?.State.Timestamp ?? now,
            UpdatedAt = now,
        };
    }
}
