using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Converts Events between core/v1 and events.k8s.io/v1, which a real server stores once and serves in both shapes:
/// <c>involvedObject</c> ⇄ <c>regarding</c>, <c>message</c> ⇄ <c>note</c>, <c>source</c> ⇄ <c>deprecatedSource</c>,
/// <c>firstTimestamp</c>/<c>lastTimestamp</c>/<c>count</c> ⇄ <c>deprecated…</c>, <c>reportingComponent</c> ⇄ <c>reportingController</c>.
/// </summary>
internal static class EventConversion
{
    private static readonly (string Core, string Events)[] Renamed =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
        ("reportingComponent", "reportingController"),
    ];

    private static readonly string[] Shared = ["metadata", "eventTime", "series", "reportingInstance", "action", "reason", "related", "type"];

    public static bool IsEventsApi(JsonObject obj) =>
        obj.Str("kind") == "Event" && (obj.Str("apiVersion") ?? "").StartsWith("events.k8s.io/", StringComparison.Ordinal);

    /// <summary>An events.k8s.io Event in the core/v1 shape.</summary>
    public static JsonObject ToCore(JsonObject events)
    {
        var core = new JsonObject { ["kind"] = "Event", ["apiVersion"] = "v1" };
        Copy(events, core, "metadata");
        foreach (var (coreName, eventsName) in Renamed)
        {
            if (events.TryGetPropertyValue(eventsName, out var value) && value is not null)
            {
                core[coreName] = value.DeepClone();
            }
        }

        foreach (var name in Shared.Skip(1))
        {
            Copy(events, core, name);
        }

        core["involvedObject"] ??= new JsonObject();
        core["source"] ??= new JsonObject();
        core["firstTimestamp"] ??= null;
        core["lastTimestamp"] ??= null;
        core["reportingComponent"] ??= "";
        core["reportingInstance"] ??= "";
        return core;
    }

    /// <summary>A core/v1 Event in the events.k8s.io/v1 shape.</summary>
    public static JsonObject ToEventsApi(JsonObject core, string apiVersion)
    {
        var events = new JsonObject { ["kind"] = "Event", ["apiVersion"] = apiVersion };
        Copy(core, events, "metadata");
        events["eventTime"] = core["eventTime"]?.DeepClone();
        foreach (var name in Shared.Skip(2))
        {
            Copy(core, events, name);
        }

        foreach (var (coreName, eventsName) in Renamed)
        {
            if (core.TryGetPropertyValue(coreName, out var value) && value is not null && !IsEmpty(value))
            {
                events[eventsName] = value.DeepClone();
            }
        }

        return events;
    }

    private static bool IsEmpty(JsonNode value) => value switch
    {
        JsonObject obj => obj.Count == 0,
        JsonValue v => v.ScalarText() is "" or "0",
        _ => false,
    };

    private static void Copy(JsonObject from, JsonObject to, string name)
    {
        if (from.TryGetPropertyValue(name, out var value) && value is not null)
        {
            to[name] = value.DeepClone();
        }
    }
}
