namespace EksOps.IncidentEvents;

/// <summary>An event a <see cref="RecordingIncidentEventSink"/> published.</summary>
/// <param name="EventId">The id the sink gave it.</param>
/// <param name="Event">The event as published: its <see cref="IncidentEvent.Detail"/> carries <c>incidentId</c>.</param>
public sealed record RecordedIncidentEvent(string EventId, IncidentEvent Event);
