using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentFlow.Reporting;
using EksOps.IncidentStore;
using EksOps.Lambda;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>report</c> (Report): the end of a remediation that worked or is working. Verification <c>recovered</c>: status
/// Resolved and <c>Incident Resolved</c> published (once) with a <c>resolution</c> entry; <c>pending</c>: status
/// Monitoring (AlarmIngest closes the incident when the alarm returns to OK). Either way the <see cref="IncidentReport"/>
/// is stored as the <c>report</c> entry.
/// </summary>
/// <remarks>Returns <c>status</c>, <c>outcome</c>, <c>eventIds</c> and <c>headline</c>.</remarks>
/// <param name="store">The incident store.</param>
/// <param name="events">Where <c>Incident Resolved</c> goes.</param>
/// <param name="time">The clock.</param>
public sealed class ReportStep(IIncidentStore store, IIncidentEventSink events, TimeProvider time) : IIncidentStep
{
    /// <inheritdoc/>
    public string Name => StepNames.Report;

    /// <inheritdoc/>
    /// <exception cref="StepPreconditionException">There is no verification, or it failed (the state machine escalates failures instead).</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(store, request.IncidentId, time, context.CancellationToken);
        var record = await timeline.RecordAsync().ConfigureAwait(false);
        var verification = await timeline.DataAsync(TimelineKeys.Verification).ConfigureAwait(false)
            ?? throw new StepPreconditionException($"incident {request.IncidentId} has no verification to report on");
        string outcome = Node.Str(verification, "outcome") ?? string.Empty;
        if (outcome is not (VerificationOutcomes.Recovered or VerificationOutcomes.Pending))
        {
            throw new StepPreconditionException($"the verification of incident {request.IncidentId} is {outcome}; a failed verification is escalated, not reported as resolved");
        }

        bool resolved = outcome == VerificationOutcomes.Recovered;
        var status = resolved ? IncidentStatus.Resolved : IncidentStatus.Monitoring;
        string reportOutcome = resolved ? "resolved" : "monitoring";
        var eventIds = new JsonArray();
        if (Node.Str(await timeline.DataAsync(TimelineKeys.Change).ConfigureAwait(false), "eventId") is { } applied)
        {
            eventIds.Add((JsonNode)JsonValue.Create(applied));
        }

        if (resolved)
        {
            var draft = IncidentReportBuilder.Build(request.IncidentId, record, await timeline.AllAsync().ConfigureAwait(false), status, reportOutcome, timeline.Now, null, null);
            string eventId = await OnceOnlyEvents.PublishAsync(
                timeline,
                events,
                FlowEvents.IncidentResolvedClaim,
                FlowEvents.IncidentResolved(
                    record,
                    await timeline.DataAsync(TimelineKeys.Analysis).ConfigureAwait(false),
                    await timeline.DataAsync(TimelineKeys.Plan).ConfigureAwait(false),
                    verification,
                    draft.Headline,
                    timeline.Now)).ConfigureAwait(false);
            eventIds.Add((JsonNode)JsonValue.Create(eventId));
            await timeline.AppendAsync(
                TimelineKeys.Resolution,
                TimelineKind.Resolution,
                "resolved: " + Node.Str(verification, "reason"),
                new JsonObject { ["reason"] = Node.Str(verification, "reason"), ["eventId"] = eventId, ["by"] = Name }).ConfigureAwait(false);
        }

        var report = IncidentReportBuilder.Build(request.IncidentId, record, await timeline.AllAsync().ConfigureAwait(false), status, reportOutcome, timeline.Now, null, null);
        await timeline.AppendAsync(TimelineKeys.Report, TimelineKind.Report, "report: " + report.Headline, report.ToJson()).ConfigureAwait(false);
        await timeline.UpdateAsync(new IncidentUpdate { Status = status, StatusReason = Node.Str(verification, "reason"), OnlyIfNotClosed = true, At = timeline.Now }).ConfigureAwait(false);
        return new JsonObject
        {
            ["status"] = status.ToString(),
            ["outcome"] = reportOutcome,
            ["eventIds"] = eventIds,
            ["headline"] = report.Headline,
        };
    }
}
