using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// The state of a simulated Kubernetes cluster: its objects, its container logs and its clock. Serve it with
/// <see cref="KubernetesApiServer.StartAsync(SimulatedCluster, KubernetesApiServerOptions?, CancellationToken)"/>;
/// writes made through the server change it and are recorded in <see cref="Writes"/>.
/// </summary>
/// <remarks>
/// <para>Objects are taken as <c>kubectl get -o yaml</c> prints them (converted to JSON) and copied; lists
/// (<c>v1/List</c>, <c>PodList</c>, …) are expanded. Where a real server would have filled something in, the
/// simulator does, deterministically: a namespaced object without a namespace goes to <c>default</c>; a missing
/// <c>uid</c> is derived from the object's identity; a missing <c>creationTimestamp</c> is <see cref="Now"/>; a missing
/// <c>resourceVersion</c> is the next one after the largest given; <c>generation</c> starts at 1 for workloads and
/// custom resources; a Namespace object exists for <c>default</c>, <c>kube-system</c>, <c>kube-public</c>,
/// <c>kube-node-lease</c> and every namespace in use; an event's <c>involvedObject.uid</c> is filled from the object it
/// names. events.k8s.io Events are stored as core Events and served in both shapes.</para>
/// <para>No controllers run: changing a Deployment does not roll out pods, deleting a pod does not recreate it.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class SimulatedCluster
{
    private readonly Lock _gate = new();
    private readonly List<RecordedWrite> _writes = [];

    /// <summary>Creates the cluster.</summary>
    /// <param name="objects">The Kubernetes objects.</param>
    /// <param name="logs">The container logs.</param>
    /// <param name="now">The cluster's current time: ages, <c>sinceSeconds</c> and timestamps the server sets are relative to it.</param>
    /// <exception cref="ArgumentException">An object lacks <c>apiVersion</c>, <c>kind</c> or <c>metadata.name</c>, or two objects share kind, namespace and name.</exception>
    public SimulatedCluster(IEnumerable<JsonObject> objects, IEnumerable<ContainerLog> logs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(logs);
        Now = now;
        Logs = [.. logs];
        foreach (var log in Logs)
        {
            ArgumentNullException.ThrowIfNull(log, nameof(logs));
        }

        var flat = ObjectNormalizer.Flatten(objects);
        Catalog = new ResourceCatalog(flat);
        var normalized = ObjectNormalizer.Normalize(flat, Catalog, now);
        var highest = normalized
            .Select(o => long.TryParse(o.Object.Str("metadata", "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0)
            .Max();
        foreach (var (_, obj) in normalized)
        {
            var metadata = obj.Child("metadata");
            if (metadata.Str("resourceVersion") is not { Length: > 0 })
            {
                metadata["resourceVersion"] = (++highest).ToString(CultureInfo.InvariantCulture);
            }
        }

        Store.Load(normalized.Select(o => (o.Type.StorageKey, o.Object)));
    }

    /// <summary>The cluster's current time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The container logs.</summary>
    public IReadOnlyList<ContainerLog> Logs { get; }

    /// <summary>Copies of every object as currently stored (events in the core/v1 shape), ordered by resource, namespace and name.</summary>
    public IReadOnlyList<JsonObject> Objects => [.. Store.All().Select(o => o.Object)];

    /// <summary>The cluster's resource version: that of the last change.</summary>
    public string ResourceVersion => Store.ResourceVersion.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every write the server accepted, dry runs included, in order.</summary>
    public IReadOnlyList<RecordedWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    internal ResourceCatalog Catalog { get; }

    internal ObjectStore Store { get; } = new();

    /// <summary>A copy of one object as currently stored, or null when there is none.</summary>
    /// <param name="apiVersion">The object's <c>apiVersion</c>, e.g. <c>apps/v1</c>.</param>
    /// <param name="kind">The object's kind, e.g. <c>Deployment</c>.</param>
    /// <param name="namespace">The namespace; null for cluster-scoped kinds.</param>
    /// <param name="name">The name.</param>
    /// <returns>The object, or null.</returns>
    public JsonObject? Find(string apiVersion, string kind, string? @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
        var type = Catalog.ForObject(apiVersion, kind);
        return type is null ? null : Store.Get(type.StorageKey, type.Namespaced ? @namespace : null, name);
    }

    internal RecordedWrite Record(Func<int, RecordedWrite> create)
    {
        lock (_gate)
        {
            var write = create(_writes.Count + 1);
            _writes.Add(write);
            return write;
        }
    }
}
