using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Evidence;

/// <summary>
/// Typed reads over the read tools, each made once (cached) and added to the <see cref="ClusterSnapshot"/>:
/// objects with their owner chains, summaries of lists, events, container logs and metric series.
/// </summary>
internal sealed class ClusterReader(EvidenceCollector calls, ClusterSnapshot snapshot, string clusterName)
{
    private const int LogTailLines = 300;
    private readonly Dictionary<string, ObservedObject?> _gets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ListedItem>> _lists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    public ClusterSnapshot Snapshot => snapshot;

    public EvidenceCollector Calls => calls;

    public string ClusterName => clusterName;

    /// <summary>One object in full (<c>get_k8s_resource</c>); <see langword="null"/> when it does not exist or cannot be read.</summary>
    public async Task<ObservedObject?> GetAsync(string kind, string? ns, string name, string? apiVersion = null)
    {
        var key = $"{kind}/{ns}/{name}";
        if (_gets.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var arguments = new JsonObject { ["kind"] = kind, ["name"] = name };
        if (ns is not null)
        {
            arguments["namespace"] = ns;
        }

        if (apiVersion is not null)
        {
            arguments["apiVersion"] = apiVersion;
        }

        var (content, id) = await calls.CallAsync("get_k8s_resource", arguments, $"{kind} {(ns is null ? name : ns + "/" + name)}").ConfigureAwait(false);
        ObservedObject? observed = null;
        if (JsonFields.Object(content, "object") is { } obj)
        {
            var chain = JsonFields.Objects(content, "ownerChain")
                .Select(o => new ObjectRef(JsonFields.Str(o, "kind") ?? string.Empty, ns, JsonFields.Str(o, "name") ?? string.Empty))
                .Where(o => o.Kind.Length > 0)
                .ToList();
            observed = snapshot.Add(obj, id, chain);
        }

        // A budget skip is not cached, so the same read can still happen if it is asked for again with budget left.
        if (id.Length > 0)
        {
            _gets[key] = observed;
        }

        return observed;
    }

    /// <summary>The summaries of a list (<c>list_k8s_resources</c>); empty when the kind is not served or the read failed.</summary>
    public async Task<IReadOnlyList<ListedItem>> ListAsync(string kind, string? ns = null, string? labelSelector = null, string? fieldSelector = null, string? apiVersion = null)
    {
        var key = $"{kind}/{ns}/{labelSelector}/{fieldSelector}/{apiVersion}";
        if (_lists.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var arguments = new JsonObject { ["kind"] = kind, ["limit"] = 500 };
        if (ns is not null)
        {
            arguments["namespace"] = ns;
        }

        if (labelSelector is not null)
        {
            arguments["labelSelector"] = labelSelector;
        }

        if (fieldSelector is not null)
        {
            arguments["fieldSelector"] = fieldSelector;
        }

        if (apiVersion is not null)
        {
            arguments["apiVersion"] = apiVersion;
        }

        var (content, id) = await calls.CallAsync("list_k8s_resources", arguments, $"{kind} list{(ns is null ? " (all namespaces)" : " in " + ns)}{(labelSelector is null ? string.Empty : " with " + labelSelector)}{(fieldSelector is null ? string.Empty : " with " + fieldSelector)}").ConfigureAwait(false);
        IReadOnlyList<ListedItem> items = [.. JsonFields.Objects(content, "items").Select(item => new ListedItem(
            kind,
            JsonFields.Str(item, "namespace"),
            JsonFields.Str(item, "name") ?? string.Empty,
            JsonFields.Str(item, "status") ?? string.Empty,
            JsonFields.Time(item, "createdAt"),
            JsonFields.Map(item, "labels"),
            JsonFields.Str(item, "owner"),
            id))];
        if (id.Length > 0)
        {
            _lists[key] = items;
        }

        snapshot.AddListed(items);
        return items;
    }

    /// <summary>The events of a namespace, or of one object (all namespaces), within the incident window.</summary>
    public async Task EventsAsync(string? ns, string? involvedKind = null, string? involvedName = null)
    {
        if (!_done.Add($"events/{ns}/{involvedKind}/{involvedName}"))
        {
            return;
        }

        var since = (long)Math.Clamp((snapshot.Now - snapshot.WindowStart).TotalSeconds + 600, 600, 604_800);
        var arguments = new JsonObject { ["sinceSeconds"] = since };
        if (ns is not null)
        {
            arguments["namespace"] = ns;
        }

        if (involvedKind is not null)
        {
            arguments["involvedKind"] = involvedKind;
        }

        if (involvedName is not null)
        {
            arguments["involvedName"] = involvedName;
        }

        var (content, id) = await calls.CallAsync("get_k8s_events", arguments, $"events {(involvedName is null ? "in " + (ns ?? "every namespace") : "of " + involvedKind + " " + involvedName)}").ConfigureAwait(false);
        foreach (var e in JsonFields.Objects(content, "events"))
        {
            var involved = JsonFields.Object(e, "involvedObject");
            snapshot.AddEvent(new ObservedEvent(
                JsonFields.Str(e, "type") ?? "Normal",
                JsonFields.Str(e, "reason") ?? string.Empty,
                JsonFields.Str(e, "message") ?? string.Empty,
                JsonFields.Long(e, "count") ?? 1,
                JsonFields.Time(e, "firstTimestamp"),
                JsonFields.Time(e, "lastTimestamp"),
                new ObjectRef(JsonFields.Str(involved, "kind") ?? string.Empty, JsonFields.Str(involved, "namespace") ?? ns, JsonFields.Str(involved, "name") ?? string.Empty),
                id));
        }
    }

    /// <summary>A container's log (current or previous instance; without a container, the pod's first application container).</summary>
    /// <returns>Whether the log had any lines.</returns>
    public async Task<bool> LogAsync(string ns, string pod, string? container, bool previous)
    {
        if (!_done.Add($"log/{ns}/{pod}/{container}/{previous}"))
        {
            return snapshot.Logs.Any(l => l.Namespace == ns && l.Pod == pod && l.Previous == previous && (container is null || l.Container == container));
        }

        var arguments = new JsonObject { ["namespace"] = ns, ["pod"] = pod, ["previous"] = previous, ["tailLines"] = LogTailLines };
        if (container is not null)
        {
            arguments["container"] = container;
        }

        var (content, id) = await calls.CallAsync("get_pod_logs", arguments, $"{(previous ? "previous " : string.Empty)}log of {ns}/{pod}{(container is null ? string.Empty : "/" + container)}").ConfigureAwait(false);
        if (JsonFields.Str(content, "log") is not { Length: > 0 } text)
        {
            return false;
        }

        snapshot.AddLog(new ObservedLog(ns, pod, JsonFields.Str(content, "container") ?? container ?? string.Empty, previous, text, id));
        return true;
    }

    /// <summary>A metric series over the incident window (and the half hour before it, as a baseline).</summary>
    public async Task MetricAsync(string metricNamespace, string metricName, IReadOnlyDictionary<string, string> dimensions, string stat = "Average")
    {
        var key = $"metric/{metricNamespace}/{metricName}/{string.Join(',', dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value))}";
        if (!_done.Add(key))
        {
            return;
        }

        var dimensionJson = new JsonObject();
        foreach (var (name, value) in dimensions)
        {
            dimensionJson[name] = value;
        }

        var start = snapshot.IncidentStart.AddMinutes(-30);
        var (content, id) = await calls.CallAsync(
            "get_cloudwatch_metrics",
            new JsonObject
            {
                ["namespace"] = metricNamespace,
                ["metricName"] = metricName,
                ["dimensions"] = dimensionJson,
                ["stat"] = stat,
                ["period"] = 60,
                ["startTime"] = Format(start < snapshot.Now.AddHours(-3) ? snapshot.Now.AddHours(-3) : start),
                ["endTime"] = Format(snapshot.Now),
            },
            $"{metricNamespace} {metricName}").ConfigureAwait(false);
        var points = JsonFields.Objects(content, "datapoints")
            .Select(p => (Time: JsonFields.Time(p, "timestamp"), Value: JsonFields.Double(p, "value")))
            .Where(p => p.Time is not null && p.Value is not null)
            .Select(p => new MetricPoint(p.Time!.Value, p.Value!.Value))
            .ToList();
        if (content is not null)
        {
            snapshot.AddMetric(new ObservedMetric(metricNamespace, metricName, dimensions, points, id));
        }
    }

    /// <summary>A described alarm (<c>get_alarm</c>); <see langword="null"/> when it cannot be read.</summary>
    public async Task<JsonObject?> AlarmAsync(string alarmName)
    {
        var (content, _) = await calls.CallAsync("get_alarm", new JsonObject { ["alarmName"] = alarmName, ["historyItems"] = 0 }, $"alarm {alarmName}").ConfigureAwait(false);
        return content;
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
