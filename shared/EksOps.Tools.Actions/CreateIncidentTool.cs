using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.Incidents;

namespace EksOps.Tools.Actions;

/// <summary>
/// The body of <c>create_incident</c>: a write that changes nothing in the cluster (a <see cref="RunbookEffect.NoAction"/>
/// change, so it never needs approval). The plan derives the incident id from the inputs; applying records the
/// incident once (a conditional put) and publishes its <c>Incident Opened</c> event once (the event id is stored with
/// the record). A call repeated after a failed publish publishes the event of the record made before.
/// </summary>
/// <param name="incidents">The incident store.</param>
/// <param name="events">Where the event goes.</param>
/// <param name="time">The clock for the creation time; the system clock by default.</param>
public sealed class CreateIncidentTool(IIncidentRecorder incidents, IIncidentEventPublisher events, TimeProvider? time = null) : IWriteToolHandler
{
    private const string IncidentKey = "incident";

    private readonly IIncidentRecorder _incidents = incidents ?? throw new ArgumentNullException(nameof(incidents));
    private readonly IIncidentEventPublisher _events = events ?? throw new ArgumentNullException(nameof(events));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var incident = new JsonObject
        {
            ["cluster"] = context.Cluster.Name,
            ["title"] = arguments.GetString("title"),
            ["severity"] = arguments.GetString("severity"),
            ["summary"] = arguments.GetString("summary"),
            ["findings"] = Strings(arguments.GetStringArray("findings")),
            ["links"] = Strings(arguments.GetStringArray("links")),
        };
        string id = "inc-" + Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.ToUtf8(incident)))[..24];
        incident["id"] = id;
        var existing = await _incidents.FindAsync(id, context.CancellationToken).ConfigureAwait(false);
        string title = arguments.GetString("title");
        var change = new ProposedChange
        {
            Cluster = context.Cluster.Name,
            Target = "Incident/" + title,
            Effect = RunbookEffect.NoAction,
            Patch = new JsonObject { [IncidentKey] = incident },
            Summary = $"record incident {id} ({arguments.GetString("severity")}): {title}, and publish it as an {IncidentEventTypes.IncidentOpened} event",
        };
        return new ToolChangePlan(change, new JsonObject
        {
            ["incidentId"] = id,
            ["alreadyRecorded"] = existing is not null,
            ["eventPublished"] = existing?.EventId is not null,
        });
    }

    /// <inheritdoc/>
    public async ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var planned = plan.Change.Patch[IncidentKey] as JsonObject
            ?? throw new ToolException("invalid_plan", "the plan holds no incident; plan again");
        var incident = new IncidentRecord
        {
            Id = JsonText.Str(planned, "id")!,
            Cluster = JsonText.Str(planned, "cluster")!,
            Title = JsonText.Str(planned, "title")!,
            Severity = JsonText.Str(planned, "severity")!,
            Summary = JsonText.Str(planned, "summary")!,
            Findings = [.. (planned["findings"] as JsonArray ?? []).Select(f => (string)f!)],
            Links = [.. (planned["links"] as JsonArray ?? []).Select(l => (string)l!)],
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = context.Caller.Identity,
        };
        var (stored, created) = await _incidents.RecordAsync(incident, context.CancellationToken).ConfigureAwait(false);
        if (stored.EventId is null)
        {
            string eventId = await _events.PublishOpenedAsync(stored, context.Cluster, context.CancellationToken).ConfigureAwait(false);
            stored = await _incidents.SetEventIdAsync(stored.Id, eventId, context.CancellationToken).ConfigureAwait(false);
        }

        return new JsonObject
        {
            ["incidentId"] = stored.Id,
            ["eventId"] = stored.EventId,
            ["createdAt"] = Timestamp(stored.CreatedAt),
            ["alreadyRecorded"] = !created,
        };
    }

    /// <summary>The form times take in incident results and events: UTC, to the second, e.g. <c>2026-11-20T10:02:00Z</c>.</summary>
    internal static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonArray Strings(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
