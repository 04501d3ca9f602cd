using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Aws.EventBridge;
using EksOps.IncidentEvents;
using EksOps.Incidents;

namespace EksOps.Tools.Actions;

/// <summary>
/// Puts incident events on an EventBridge bus: <c>source</c> <see cref="IncidentEventTypes.Source"/>, <c>detail-type</c>
/// <see cref="IncidentEventTypes.IncidentOpened"/>, the cluster's ARN as resource, the incident's creation time as the
/// event time, and the incident as <c>detail</c> (<c>incidentId</c>, <c>cluster</c>, <c>region</c>, <c>accountId</c>,
/// <c>environment</c>, <c>title</c>, <c>severity</c>, <c>summary</c>, <c>findings</c>, <c>links</c>,
/// <c>createdAt</c>, <c>createdBy</c>). An entry EventBridge refuses (<c>FailedEntryCount</c> &gt; 0, after the
/// client's retries of transient codes) is a <see cref="ToolException"/>, never a silent success.
/// </summary>
/// <param name="client">The EventBridge client.</param>
/// <param name="eventBusName">The bus name or ARN; <see langword="null"/> for the account's default bus.</param>
public sealed class EventBridgeIncidentPublisher(EventBridgeClient client, string? eventBusName) : IIncidentEventPublisher
{
    private readonly EventBridgeClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc/>
    public async ValueTask<string> PublishOpenedAsync(IncidentRecord incident, ClusterInfo cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(cluster);
        var entry = new EventEntry
        {
            Source = IncidentEventTypes.Source,
            DetailType = IncidentEventTypes.IncidentOpened,
            Detail = JsonText.Write(Detail(incident, cluster)),
            Resources = [ClusterArn(cluster)],
            EventBusName = eventBusName,
            Time = incident.CreatedAt,
        };
        PutEventsResult result;
        try
        {
            result = await _client.PutEventsAsync([entry], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException)
        {
            throw new ToolException("publish_failed", $"incident {incident.Id} is recorded, but publishing its {IncidentEventTypes.IncidentOpened} event failed ({e.Message}) and may or may not have reached EventBridge; call create_incident again to publish it", e);
        }
        catch (ArgumentException e)
        {
            throw new ToolException("publish_failed", $"incident {incident.Id} is recorded, but its event is too large for EventBridge: {e.Message}", e);
        }

        var outcome = result.Entries.Count == 1 ? result.Entries[0] : null;
        if (outcome is not { Succeeded: true, EventId: { } eventId })
        {
            throw new ToolException("publish_failed", $"incident {incident.Id} is recorded, but EventBridge refused its {IncidentEventTypes.IncidentOpened} event ({result.FailedCount} failed entry: {outcome?.ErrorCode ?? "no result"}: {outcome?.ErrorMessage}); call create_incident again to publish it");
        }

        return eventId;
    }

    private static JsonObject Detail(IncidentRecord incident, ClusterInfo cluster) => new()
    {
        ["incidentId"] = incident.Id,
        ["cluster"] = incident.Cluster,
        ["region"] = cluster.Region,
        ["accountId"] = cluster.AccountId,
        ["environment"] = cluster.Environment.Id(),
        ["title"] = incident.Title,
        ["severity"] = incident.Severity,
        ["summary"] = incident.Summary,
        ["findings"] = new JsonArray([.. incident.Findings.Select(f => (JsonNode)JsonValue.Create(f))]),
        ["links"] = new JsonArray([.. incident.Links.Select(l => (JsonNode)JsonValue.Create(l))]),
        ["createdAt"] = CreateIncidentTool.Timestamp(incident.CreatedAt),
        ["createdBy"] = incident.CreatedBy,
    };

    private static string ClusterArn(ClusterInfo cluster)
    {
        string partition = cluster.Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : cluster.Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
        return string.Create(CultureInfo.InvariantCulture, $"arn:{partition}:eks:{cluster.Region}:{cluster.AccountId}:cluster/{cluster.Name}");
    }
}
