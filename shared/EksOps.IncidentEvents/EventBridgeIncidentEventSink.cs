using System.Net;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Serialization;
using EksOps.Aws;

namespace EksOps.IncidentEvents;

/// <summary>
/// Publishes incident events on an EventBridge bus with <c>PutEvents</c>: <c>source</c> <see cref="IncidentEventTypes.Source"/>,
/// <c>detail-type</c> the event's, <c>detail</c> its detail with <c>incidentId</c>, <c>resources</c> and <c>time</c> the event's.
/// </summary>
/// <remarks>
/// <para>
/// An entry EventBridge refuses, after the client's own retries of transient entry codes, throws: a throttling code
/// (<c>ThrottlingException</c>, also what a whole call that stayed throttled becomes) as <see cref="AwsThrottlingException"/>,
/// so that a Step Functions <c>Retry</c> on it, or the caller's redelivery, tries again later; any other code
/// (<c>AccessDeniedException</c>, <c>MalformedDetail</c>, <c>InternalFailure</c> after every retry, …) as
/// <see cref="IncidentEventPublishException"/> with the code and message. A timeout or network failure leaves the outcome
/// unknown and propagates as it is (<see cref="TimeoutException"/>, <see cref="HttpRequestException"/>).
/// </para>
/// <para>IAM: <c>events:PutEvents</c> on the bus.</para>
/// </remarks>
public sealed class EventBridgeIncidentEventSink : IIncidentEventSink
{
    /// <summary>The account's default bus, used when no bus is named.</summary>
    public const string DefaultEventBusName = "default";

    // Entry error codes that mean "too many requests, later": botocore's throttling codes that PutEvents can return.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "Throttling",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "LimitExceededException",
    };

    private readonly EventBridgeClient _client;

    /// <summary>Creates the sink.</summary>
    /// <param name="client">The EventBridge client.</param>
    /// <param name="eventBusName">The bus name or ARN; <see langword="null"/> or empty for <see cref="DefaultEventBusName"/>.</param>
    public EventBridgeIncidentEventSink(EventBridgeClient client, string? eventBusName = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        EventBusName = string.IsNullOrEmpty(eventBusName) ? DefaultEventBusName : eventBusName;
    }

    /// <summary>The bus events go to.</summary>
    public string EventBusName { get; }

    /// <inheritdoc/>
    /// <exception cref="AwsThrottlingException">EventBridge throttled the entry on every attempt.</exception>
    /// <exception cref="ArgumentException">The event is larger than one <c>PutEvents</c> call takes (nothing was sent).</exception>
    public async Task<string> PublishAsync(IncidentEvent incidentEvent, CancellationToken cancellationToken)
    {
        IncidentEventDetail.Validate(incidentEvent);
        var entry = new EventEntry
        {
            Source = IncidentEventTypes.Source,
            DetailType = incidentEvent.DetailType,
            Detail = CompactJson.Write(IncidentEventDetail.Of(incidentEvent)),
            Resources = incidentEvent.Resources,
            EventBusName = EventBusName,
            Time = incidentEvent.Time,
        };
        var result = await _client.PutEventsAsync([entry], cancellationToken).ConfigureAwait(false);
        var outcome = result.Entries.Count == 1
            ? result.Entries[0]
            : throw new IncidentEventPublishException($"PutEvents answered {result.Entries.Count} results for one entry.");
        if (outcome is { Succeeded: true, EventId: { } eventId })
        {
            return eventId;
        }

        var code = outcome.ErrorCode ?? EventBridgeClient.MissingEntryResult;
        if (ThrottlingCodes.Contains(code))
        {
            throw new AwsThrottlingException("events", "PutEvents", HttpStatusCode.BadRequest, code, outcome.ErrorMessage, requestId: null)
            {
                Attempts = outcome.Attempts,
            };
        }

        throw new IncidentEventPublishException(
            $"EventBridge bus '{EventBusName}' refused the {incidentEvent.DetailType} event of incident {incidentEvent.IncidentId} after {outcome.Attempts} attempt(s): {code}: {outcome.ErrorMessage}")
        {
            ErrorCode = code,
            ErrorMessage = outcome.ErrorMessage,
        };
    }
}
