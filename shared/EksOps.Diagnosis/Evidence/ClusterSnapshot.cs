using System.Text.Json.Nodes;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Evidence;

/// <summary>
/// Everything a diagnosis read, indexed for the analyzers: full objects, events, logs and metric series, each with the
/// evidence record it came from, plus the incident clock and window.
/// </summary>
internal sealed class ClusterSnapshot
{
    private readonly Dictionary<string, ObservedObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObservedEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListedItem> _listed = new(StringComparer.Ordinal);
    private readonly List<ObservedLog> _logs = [];
    private readonly List<ObservedMetric> _metrics = [];

    /// <param name="now">The investigation clock.</param>
    /// <param name="incidentStart">When the alarm's condition started (its first breaching datapoint), or its state time.</param>
    public ClusterSnapshot(DateTimeOffset now, DateTimeOffset incidentStart)
    {
        Now = now;
        IncidentStart = incidentStart;
        // What happened in the hour before the condition began still explains it; older history does not.
        WindowStart = incidentStart.AddHours(-1);
    }

    public DateTimeOffset Now { get; }

    public DateTimeOffset IncidentStart { get; }

    public DateTimeOffset WindowStart { get; }

    public IEnumerable<ObservedObject> Objects => _objects.Values;

    public IEnumerable<ObservedEvent> Events => _events.Values;

    public IReadOnlyList<ObservedLog> Logs => _logs;

    public IReadOnlyList<ObservedMetric> Metrics => _metrics;

    public bool InWindow(DateTimeOffset? at) => at is { } t && t >= WindowStart;

    public ObservedObject Add(JsonObject obj, string evidenceId, IReadOnlyList<ObjectRef>? ownerChain = null)
    {
        var observed = new ObservedObject(obj, evidenceId, ownerChain ?? OwnersFromReferences(obj));
        _objects[Key(observed.Kind, observed.Namespace, observed.Name)] = observed;
        return observed;
    }

    public ObservedObject? Get(string kind, string? ns, string name) => _objects.GetValueOrDefault(Key(kind, ns, name));

    public ObservedObject? Get(ObjectRef reference) => Get(reference.Kind, reference.Namespace, reference.Name);

    public IEnumerable<ObservedObject> OfKind(string kind, string? ns = null) =>
        _objects.Values.Where(o => o.Kind == kind && (ns is null || o.Namespace == ns));

    /// <summary>Remembers the one-line rows of a list, for objects that were listed but not read in full.</summary>
    public void AddListed(IEnumerable<ListedItem> items)
    {
        foreach (var item in items)
        {
            _listed[Key(item.Kind, item.Namespace, item.Name)] = item;
        }
    }

    /// <summary>The list row of an object, if it was listed.</summary>
    public ListedItem? Listed(ObjectRef reference) => _listed.GetValueOrDefault(Key(reference.Kind, reference.Namespace, reference.Name));

    public void AddEvent(ObservedEvent observed) =>
        _events[$"{observed.Involved}|{observed.Reason}|{observed.Message}"] = observed;

    public IEnumerable<ObservedEvent> EventsFor(ObjectRef involved) =>
        _events.Values.Where(e => e.Involved.Kind == involved.Kind && e.Involved.Name == involved.Name && (involved.Namespace is null || e.Involved.Namespace == involved.Namespace));

    public void AddLog(ObservedLog log) => _logs.Add(log);

    public void AddMetric(ObservedMetric metric) => _metrics.Add(metric);

    public ObservedMetric? Metric(string metricName, string? podName = null) =>
        _metrics.FirstOrDefault(m => m.MetricName == metricName && m.Points.Count > 0 && (podName is null || m.Dimensions.GetValueOrDefault("PodName") == podName));

    private static string Key(string kind, string? ns, string name) => $"{kind}/{ns}/{name}";

    /// <summary>Only the direct owner is known from the object alone; the collector passes the full chain when the tool gave it.</summary>
    private static List<ObjectRef> OwnersFromReferences(JsonObject obj)
    {
        var owners = JsonFields.Objects(obj, "metadata", "ownerReferences").ToList();
        var controller = owners.FirstOrDefault(o => JsonFields.Bool(o, "controller") == true) ?? owners.FirstOrDefault();
        return controller is null
            ? []
            : [new ObjectRef(JsonFields.Str(controller, "kind") ?? string.Empty, JsonFields.Str(obj, "metadata", "namespace"), JsonFields.Str(controller, "name") ?? string.Empty)];
    }
}
