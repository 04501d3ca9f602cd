namespace EksOps.IncidentEvents;

/// <summary>Publishes incident events.</summary>
public interface IIncidentEventSink
{
    /// <summary>Publishes one event.</summary>
    /// <param name="incidentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id the bus gave the event.</returns>
    /// <exception cref="IncidentEventPublishException">The bus refused the event; the message says why.</exception>
    Task<string> PublishAsync(IncidentEvent incidentEvent, CancellationToken cancellationToken);
}
