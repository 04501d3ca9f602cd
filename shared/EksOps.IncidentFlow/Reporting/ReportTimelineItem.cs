namespace EksOps.IncidentFlow;

/// <summary>One line of the incident's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="Key">The timeline key (<c>diagnosis</c>, <c>plan</c>, …).</param>
/// <param name="Kind">The entry kind (<c>Diagnosis</c>, <c>Decision</c>, …).</param>
/// <param name="Summary">What happened.</param>
public sealed record ReportTimelineItem(DateTimeOffset At, string Key, string Kind, string Summary);
