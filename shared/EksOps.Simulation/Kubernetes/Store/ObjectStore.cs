using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// The objects of the simulated cluster by storage (group and resource) and key (<c>namespace/name</c>, ordered as
/// etcd orders keys), the cluster-wide resource version, and the change history watches replay.
/// </summary>
/// <remarks>Every member takes <see cref="Gate"/>; a caller holding it can compose a read-modify-write.</remarks>
internal sealed class ObjectStore
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<ObjectChange> _history = [];
    private readonly List<Action<ObjectChange>> _watchers = [];
    private long _resourceVersion;

    public Lock Gate { get; } = new();

    /// <summary>The resource version of the last change.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return _resourceVersion;
            }
        }
    }

    public static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    public static string KeyOf(JsonObject obj) => Key(obj.Str("metadata", "namespace"), obj.Str("metadata", "name") ?? "");

    /// <summary>Loads the initial objects; their resource versions are kept, and the counter starts after the largest.</summary>
    public void Load(IEnumerable<(string StorageKey, JsonObject Object)> objects)
    {
        lock (Gate)
        {
            foreach (var (storageKey, obj) in objects)
            {
                Bucket(storageKey)[KeyOf(obj)] = obj;
                if (long.TryParse(obj.Str("metadata", "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                {
                    _resourceVersion = Math.Max(_resourceVersion, version);
                }
            }
        }
    }

    public bool Contains(string storageKey, string? ns, string name)
    {
        lock (Gate)
        {
            return _objects.TryGetValue(storageKey, out var bucket) && bucket.ContainsKey(Key(ns, name));
        }
    }

    /// <summary>A copy of one object, or null.</summary>
    public JsonObject? Get(string storageKey, string? ns, string name)
    {
        lock (Gate)
        {
            return _objects.TryGetValue(storageKey, out var bucket) && bucket.TryGetValue(Key(ns, name), out var obj) ? obj.CloneObject() : null;
        }
    }

    /// <summary>Copies of the objects of one storage, in one namespace or all, in key order.</summary>
    public List<JsonObject> List(string storageKey, string? ns)
    {
        lock (Gate)
        {
            if (!_objects.TryGetValue(storageKey, out var bucket))
            {
                return [];
            }

            return [.. bucket.Values.Where(o => string.IsNullOrEmpty(ns) || o.Str("metadata", "namespace") == ns).Select(o => o.CloneObject())];
        }
    }

    /// <summary>Copies of every object, by storage then key.</summary>
    public List<(string StorageKey, JsonObject Object)> All()
    {
        lock (Gate)
        {
            return [.. _objects.OrderBy(b => b.Key, StringComparer.Ordinal).SelectMany(b => b.Value.Values.Select(o => (b.Key, o.CloneObject())))];
        }
    }

    /// <summary>Stores <paramref name="obj"/> (added or replacing), stamping the next resource version; returns a copy as stored.</summary>
    public JsonObject Put(string storageKey, JsonObject obj)
    {
        lock (Gate)
        {
            var stored = obj.CloneObject();
            var version = ++_resourceVersion;
            stored.Child("metadata")["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            var bucket = Bucket(storageKey);
            var key = KeyOf(stored);
            var type = bucket.ContainsKey(key) ? "MODIFIED" : "ADDED";
            bucket[key] = stored;
            Notify(new ObjectChange(type, storageKey, stored.CloneObject(), version));
            return stored.CloneObject();
        }
    }

    /// <summary>Removes an object; returns it, or null when it was not there.</summary>
    public JsonObject? Remove(string storageKey, string? ns, string name)
    {
        lock (Gate)
        {
            if (!_objects.TryGetValue(storageKey, out var bucket) || !bucket.Remove(Key(ns, name), out var removed))
            {
                return null;
            }

            var version = ++_resourceVersion;
            var gone = removed.CloneObject();
            gone.Child("metadata")["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            Notify(new ObjectChange("DELETED", storageKey, gone, version));
            return removed.CloneObject();
        }
    }

    /// <summary>The changes to <paramref name="storageKey"/> after <paramref name="resourceVersion"/>, and a subscription to later ones.</summary>
    public (List<ObjectChange> Past, IDisposable Subscription) Watch(string storageKey, long resourceVersion, Action<ObjectChange> onChange)
    {
        lock (Gate)
        {
            var past = _history.Where(c => c.StorageKey == storageKey && c.ResourceVersion > resourceVersion).ToList();
            void Filtered(ObjectChange change)
            {
                if (change.StorageKey == storageKey)
                {
                    onChange(change);
                }
            }

            _watchers.Add(Filtered);
            return (past, new Subscription(this, Filtered));
        }
    }

    private SortedDictionary<string, JsonObject> Bucket(string storageKey)
    {
        if (!_objects.TryGetValue(storageKey, out var bucket))
        {
            _objects[storageKey] = bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        return bucket;
    }

    private void Notify(ObjectChange change)
    {
        _history.Add(change);
        foreach (var watcher in _watchers)
        {
            watcher(change);
        }
    }

    private sealed class Subscription(ObjectStore store, Action<ObjectChange> watcher) : IDisposable
    {
        public void Dispose()
        {
            lock (store.Gate)
            {
                store._watchers.Remove(watcher);
            }
        }
    }
}
