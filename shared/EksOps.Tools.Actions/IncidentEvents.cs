namespace EksOps.Tools.Actions;

/// <summary>The names of the EventBridge events EksOps publishes about incidents (issue 7, "Events out").</summary>
public static class IncidentEvents
{
    /// <summary>The <c>source</c> of every EksOps event.</summary>
    public const string Source = "eksops";

    /// <summary>The <c>detail-type</c> of the event <c>create_incident</c> publishes.</summary>
    public const string IncidentOpened = "Incident Opened";
}
