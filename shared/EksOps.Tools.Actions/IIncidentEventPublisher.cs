namespace EksOps.Tools.Actions;

/// <summary>Publishes incident events; <see cref="EventBridgeIncidentPublisher"/> puts them on an EventBridge bus.</summary>
public interface IIncidentEventPublisher
{
    /// <summary>Publishes the <c>Incident Opened</c> event of a recorded incident.</summary>
    /// <param name="incident">The incident as recorded.</param>
    /// <param name="cluster">Its cluster (Region, account, environment).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The event id.</returns>
    /// <exception cref="ToolException">The event was not published; the message says why.</exception>
    ValueTask<string> PublishOpenedAsync(IncidentRecord incident, ClusterInfo cluster, CancellationToken cancellationToken);
}
