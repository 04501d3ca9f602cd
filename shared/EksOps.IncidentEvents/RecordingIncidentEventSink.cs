using System.Globalization;

namespace EksOps.IncidentEvents;

/// <summary>
/// The local sink: keeps every published event in memory, in order, with a generated id, and can hand each one to a
/// callback (a local runner answers <c>Approval Requested</c> this way). Thread-safe.
/// </summary>
/// <remarks>
/// The event is recorded before the callback runs; an exception from the callback is the publish call's exception
/// (a test can make publishing fail that way), and the event stays recorded.
/// </remarks>
/// <param name="onPublished">Called after each event is recorded; <see langword="null"/> for none.</param>
public sealed class RecordingIncidentEventSink(Func<RecordedIncidentEvent, CancellationToken, Task>? onPublished = null) : IIncidentEventSink
{
    private readonly Lock _gate = new();
    private readonly List<RecordedIncidentEvent> _events = [];

    /// <summary>Every event published so far, in order.</summary>
    public IReadOnlyList<RecordedIncidentEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The events of one <c>detail-type</c>, in order.</summary>
    /// <param name="detailType">One of <see cref="IncidentEventTypes"/>.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<RecordedIncidentEvent> OfType(string detailType) =>
        [.. Events.Where(e => string.Equals(e.Event.DetailType, detailType, StringComparison.Ordinal))];

    /// <inheritdoc/>
    public async Task<string> PublishAsync(IncidentEvent incidentEvent, CancellationToken cancellationToken)
    {
        IncidentEventDetail.Validate(incidentEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var published = incidentEvent with { Detail = IncidentEventDetail.Of(incidentEvent) };
        RecordedIncidentEvent recorded;
        lock (_gate)
        {
            // Shaped like an EventBridge id, numbered so that the order can be read off it.
            var eventId = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{_events.Count + 1:D12}");
            recorded = new RecordedIncidentEvent(eventId, published);
            _events.Add(recorded);
        }

        if (onPublished is not null)
        {
            await onPublished(recorded, cancellationToken).ConfigureAwait(false);
        }

        return recorded.EventId;
    }
}
