using EksOps.IncidentEvents;
using EksOps.Lambda;
using EksOps.Tools.Actions;
using EksOps.Tools;

namespace EksOps.Cli.FunctionUrl;

/// <summary><c>create_incident</c>'s "Incident Opened" event on a laptop: there is no event bus, so it is a log line.</summary>
internal sealed class LoggedIncidentEvents(ILambdaLogger log) : IIncidentEventPublisher
{
    public ValueTask<string> PublishOpenedAsync(IncidentRecord incident, ClusterInfo cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(cluster);
        log.LogInformation($"{IncidentEventTypes.IncidentOpened} {incident.Id} on {cluster.Name} ({incident.Severity}): {incident.Title}");
        return ValueTask.FromResult($"local-{Guid.NewGuid()}");
    }
}
