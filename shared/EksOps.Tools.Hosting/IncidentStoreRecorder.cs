using System.Text.Json.Nodes;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Tools.Actions;
using ActionsIncident = EksOps.Tools.Actions.IncidentRecord;
using StoredIncident = EksOps.IncidentStore.IncidentRecord;

namespace EksOps.Tools.Hosting;

/// <summary>
/// <c>create_incident</c>'s incident store (<see cref="IIncidentRecorder"/>) on the flow's incident store
/// (<see cref="IIncidentStore"/>: DynamoDB in Lambda), so an incident created through MCP, an action group or the
/// Gateway is an incident record like the ones alarms open, under the same keys, and outlives the sandbox.
/// </summary>
/// <remarks>
/// <para>The two records do not have the same shape: the flow's record is about an alarm (name, ARN, correlation key,
/// status), <c>create_incident</c>'s about a title, a severity, a summary, findings and links. They are mapped so:</para>
/// <list type="table">
/// <listheader><term>incident store</term><description>from <c>create_incident</c></description></listheader>
/// <item><term><c>INCIDENT#&lt;id&gt;</c> / <c>RECORD</c></term><description>opened with <see cref="IIncidentStore.OpenOrJoinAsync"/>:
/// <c>id</c>, <c>cluster</c>, <c>status</c> <c>Open</c>, <c>statusReason</c> (who recorded it, and the title),
/// <c>openedAt</c> = <c>updatedAt</c> = <c>createdAt</c>; <c>alarmName</c> <see cref="Source"/> and <c>alarmArn</c>
/// <see cref="SourceArn"/>, because no alarm opened it; <c>correlationKey</c> <c>create_incident:&lt;id&gt;</c> with a
/// zero window, so no alarm ever folds into it nor it into an alarm's incident</description></item>
/// <item><term>timeline <see cref="DetailsEntryKey"/> (<see cref="TimelineKind.Note"/>)</term><description>the incident as
/// recorded: <c>title</c>, <c>severity</c>, <c>summary</c>, <c>findings</c>, <c>links</c>, <c>cluster</c>,
/// <c>createdBy</c>; <c>at</c> = <c>createdAt</c></description></item>
/// <item><term>timeline <c>event:incident-opened</c> (<see cref="TimelineKind.Event"/>)</term><description>the event id,
/// written once (the first write wins), under the key AlarmIngest uses for the same event</description></item>
/// </list>
/// <para>A record is "recorded" when both the store record and its details entry exist: a call that died between the
/// two is finished by the next one (the entry is written unless present). An id that belongs to an incident an alarm
/// opened is refused (<c>conflict</c>); the ids cannot collide in practice (<c>inc-</c> and 24 hex digits of a hash).
/// The publish is not guarded by a store claim: the interface publishes before it records the event id, as the
/// in-memory recorder does, so two concurrent first calls may both publish (events are at least once).</para>
/// <para>Store failures become <see cref="ToolException"/>s the model can act on: <c>throttled</c> (call again),
/// <c>forbidden</c> (the function's role lacks a DynamoDB permission), <c>upstream_error</c> (anything else).</para>
/// <para>IAM on the table: <c>dynamodb:GetItem</c>, <c>dynamodb:PutItem</c>, <c>dynamodb:UpdateItem</c>,
/// <c>dynamodb:Query</c> (<c>TransactWriteItems</c> is authorised by the <c>PutItem</c>s it contains).</para>
/// </remarks>
/// <param name="store">The incident store.</param>
/// <param name="time">The clock for the event entry's time; the system clock by default.</param>
public sealed class IncidentStoreRecorder(IIncidentStore store, TimeProvider? time = null) : IIncidentRecorder
{
    /// <summary>The <c>alarmName</c> of incidents recorded here: the tool, since no alarm opened them.</summary>
    public const string Source = "create_incident";

    /// <summary>The <c>alarmArn</c> of incidents recorded here: not an ARN, so no alarm's lookup ever finds them.</summary>
    public const string SourceArn = "eksops:tool:create_incident";

    /// <summary>The key of the timeline entry that holds the incident as <c>create_incident</c> recorded it.</summary>
    public const string DetailsEntryKey = "create_incident";

    private static readonly string EventEntryKey = IncidentEventTypes.ClaimKey(IncidentEventTypes.IncidentOpened);

    private readonly IIncidentStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async ValueTask<ActionsIncident?> FindAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        var stored = await Call(incidentId, () => _store.GetAsync(incidentId, cancellationToken)).ConfigureAwait(false);
        return stored is null ? null : await ReadAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IncidentRecordResult> RecordAsync(ActionsIncident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        // Read first: a repeated call (the common retry) then neither opens nor joins, which would count a "correlated alarm".
        var stored = await Call(incident.Id, () => _store.GetAsync(incident.Id, cancellationToken)).ConfigureAwait(false);
        var created = false;
        if (stored is null)
        {
            var opened = await Call(incident.Id, () => _store.OpenOrJoinAsync(Candidate(incident), TimeSpan.Zero, cancellationToken)).ConfigureAwait(false);
            created = opened.Created;
            stored = opened.Incident;
        }

        EnsureOurs(stored);
        await Call(incident.Id, () => _store.AppendAsync(incident.Id, DetailsEntry(incident), cancellationToken)).ConfigureAwait(false);
        if (created)
        {
            return new IncidentRecordResult(incident, Created: true);
        }

        var existing = await ReadAsync(stored, cancellationToken).ConfigureAwait(false)
            ?? throw new ToolException("upstream_error", $"incident {incident.Id} was recorded but cannot be read back; call create_incident again");
        return new IncidentRecordResult(existing, Created: false);
    }

    /// <inheritdoc/>
    public async ValueTask<ActionsIncident> SetEventIdAsync(string incidentId, string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var stored = await Call(incidentId, () => _store.GetAsync(incidentId, cancellationToken)).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"no incident {incidentId} is recorded");
        EnsureOurs(stored);
        await Call(incidentId, () => _store.AppendAsync(incidentId, new TimelineEntry
        {
            Key = EventEntryKey,
            Kind = TimelineKind.Event,
            At = _time.GetUtcNow(),
            Summary = $"{IncidentEventTypes.IncidentOpened} published ({eventId}).",
            Data = new JsonObject { ["detailType"] = IncidentEventTypes.IncidentOpened, ["eventId"] = eventId },
        }, cancellationToken)).ConfigureAwait(false);
        return await ReadAsync(stored, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"incident {incidentId} has no create_incident details");
    }

    private static StoredIncident Candidate(ActionsIncident incident) => new()
    {
        Id = incident.Id,
        CorrelationKey = Source + ":" + incident.Id,
        AlarmName = Source,
        AlarmArn = SourceArn,
        Cluster = incident.Cluster,
        Status = IncidentStatus.Open,
        StatusReason = $"Recorded with create_incident by {incident.CreatedBy}: {incident.Title}",
        OpenedAt = incident.CreatedAt,
        UpdatedAt = incident.CreatedAt,
    };

    private static TimelineEntry DetailsEntry(ActionsIncident incident) => new()
    {
        Key = DetailsEntryKey,
        Kind = TimelineKind.Note,
        At = incident.CreatedAt,
        Summary = $"{incident.CreatedBy} recorded the incident with create_incident ({incident.Severity}): {incident.Title}",
        Data = new JsonObject
        {
            ["title"] = incident.Title,
            ["severity"] = incident.Severity,
            ["summary"] = incident.Summary,
            ["findings"] = new JsonArray([.. incident.Findings.Select(f => (JsonNode)JsonValue.Create(f))]),
            ["links"] = new JsonArray([.. incident.Links.Select(l => (JsonNode)JsonValue.Create(l))]),
            ["cluster"] = incident.Cluster,
            ["createdBy"] = incident.CreatedBy,
        },
    };

    private static void EnsureOurs(StoredIncident stored)
    {
        if (stored.AlarmArn != SourceArn)
        {
            throw new ToolException("conflict", $"incident id {stored.Id} belongs to an incident opened by alarm {stored.AlarmName}, not by create_incident; change the title or summary and call again");
        }
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : v.ToJsonString())] : [];

    private static string Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;

    /// <summary>The incident as <c>create_incident</c> sees it, or <see langword="null"/> while its details entry is missing.</summary>
    private async Task<ActionsIncident?> ReadAsync(StoredIncident stored, CancellationToken cancellationToken)
    {
        EnsureOurs(stored);
        var timeline = await Call(stored.Id, () => _store.GetTimelineAsync(stored.Id, cancellationToken)).ConfigureAwait(false);
        var details = timeline.FirstOrDefault(e => e.Key == DetailsEntryKey);
        if (details?.Data is not { } data)
        {
            return null;
        }

        var published = timeline.FirstOrDefault(e => e.Key == EventEntryKey)?.Data;
        return new ActionsIncident
        {
            Id = stored.Id,
            Cluster = stored.Cluster ?? Text(data, "cluster"),
            Title = Text(data, "title"),
            Severity = Text(data, "severity"),
            Summary = Text(data, "summary"),
            Findings = Strings(data["findings"]),
            Links = Strings(data["links"]),
            CreatedAt = details.At,
            CreatedBy = Text(data, "createdBy"),
            EventId = published is null ? null : Text(published, "eventId") is { Length: > 0 } eventId ? eventId : null,
        };
    }

    /// <summary>Runs one store call, turning its failures into errors the model can act on.</summary>
    private static async Task<T> Call<T>(string incidentId, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AwsThrottlingException e)
        {
            throw new ToolException("throttled", $"the incident store is throttling requests (incident {incidentId}); call create_incident again in a few seconds", e);
        }
        catch (Exception e) when (IsAccessDenied(e))
        {
            throw new ToolException("forbidden", $"the incident store refused access (incident {incidentId}): the function's role lacks a DynamoDB permission on the incident table", e);
        }
        catch (Exception e) when (e is AmazonServiceException or AwsServiceException or HttpRequestException or TimeoutException or AmazonClientException)
        {
            throw new ToolException("upstream_error", $"the incident store failed (incident {incidentId}): {e.Message}; call create_incident again", e);
        }
    }

    private static bool IsAccessDenied(Exception e) => e switch
    {
        AmazonServiceException service => service.ErrorCode is "AccessDeniedException" or "AccessDenied",
        AwsServiceException aws => aws.ErrorCode is "AccessDeniedException" or "AccessDenied",
        _ => false,
    };
}
