using System.Text.Json.Nodes;

namespace EksOps.IncidentEvents;

/// <summary>The detail every sink publishes: the event's own detail with <c>incidentId</c> first.</summary>
internal static class IncidentEventDetail
{
    public const string IncidentIdMember = "incidentId";

    /// <summary>A copy of the detail with <c>incidentId</c> set to the event's incident (first), the event's detail unchanged.</summary>
    public static JsonObject Of(IncidentEvent incidentEvent)
    {
        var detail = new JsonObject { [IncidentIdMember] = incidentEvent.IncidentId };
        foreach (var (name, value) in incidentEvent.Detail)
        {
            if (name != IncidentIdMember)
            {
                detail[name] = value?.DeepClone();
            }
        }

        return detail;
    }

    public static void Validate(IncidentEvent incidentEvent)
    {
        ArgumentNullException.ThrowIfNull(incidentEvent);
        ArgumentException.ThrowIfNullOrEmpty(incidentEvent.DetailType, nameof(incidentEvent));
        ArgumentException.ThrowIfNullOrEmpty(incidentEvent.IncidentId, nameof(incidentEvent));
        ArgumentNullException.ThrowIfNull(incidentEvent.Detail, nameof(incidentEvent));
    }
}
