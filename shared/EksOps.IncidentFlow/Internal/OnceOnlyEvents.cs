using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Internal;

/// <summary>
/// Publishes an incident event at most once per incident and kind, guarded by claims in the incident store:
/// <c>event:&lt;kind&gt;#1</c>, and after a failed publish <c>#2</c>, <c>#3</c>… (a claim cannot be released, so a
/// failed attempt is completed as failed and the next attempt claims the next number).
/// </summary>
/// <remarks>
/// A publish whose outcome is unknown (a timeout after the request left) is also recorded as failed, so a retry may
/// publish a second copy; EventBridge delivers at least once anyway and consumers deduplicate on <c>incidentId</c> and
/// <c>detail-type</c>. A claim whose holder died before completing it makes later attempts throw
/// <see cref="StepInProgressException"/> until the step's retries run out.
/// </remarks>
internal static class OnceOnlyEvents
{
    private const int MaxAttempts = 10;

    public static async Task<string> PublishAsync(IncidentTimeline timeline, IIncidentEventSink sink, string claimName, IncidentEvent incidentEvent)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            string key = string.Create(CultureInfo.InvariantCulture, $"event:{claimName}#{attempt}");
            var claim = await timeline.ClaimAsync(key).ConfigureAwait(false);
            if (claim.State == StepClaimState.Completed)
            {
                if (Node.Str(claim.Result, "eventId") is { } published)
                {
                    return published;
                }

                continue;
            }

            if (claim.State == StepClaimState.InProgress)
            {
                throw new StepInProgressException(
                    $"the {incidentEvent.DetailType} event of incident {timeline.IncidentId} is being published by another invocation (claimed {Node.Iso(claim.ClaimedAt ?? timeline.Now)}); retry later");
            }

            string eventId;
            try
            {
                eventId = await sink.PublishAsync(incidentEvent, timeline.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await timeline.CompleteAsync(key, new JsonObject { ["failed"] = true, ["error"] = e.GetType().Name, ["message"] = e.Message, ["at"] = Node.Iso(timeline.Now) }).ConfigureAwait(false);
                throw;
            }

            await timeline.CompleteAsync(key, new JsonObject { ["eventId"] = eventId, ["detailType"] = incidentEvent.DetailType, ["at"] = Node.Iso(timeline.Now) }).ConfigureAwait(false);
            return eventId;
        }

        throw new IncidentEventPublishException($"the {incidentEvent.DetailType} event of incident {timeline.IncidentId} failed {MaxAttempts} times; it is not tried again");
    }
}
