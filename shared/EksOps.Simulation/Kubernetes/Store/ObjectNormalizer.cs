using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Turns the objects a scenario holds into what a real server would have stored: lists flattened, events.k8s.io
/// Events stored as core Events, namespaces defaulted, deterministic uids, creation timestamps and resource versions
/// where missing, Namespace objects for every namespace in use, and event references completed with the uid of the
/// object they name (the kubelet and controllers always record it; <c>kubectl describe</c> selects on it).
/// </summary>
internal static class ObjectNormalizer
{
    private static readonly string[] SystemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"];

    /// <summary>Expands <c>List</c> objects into their items, as copies.</summary>
    /// <exception cref="ArgumentException">An object lacks <c>apiVersion</c> or <c>kind</c>.</exception>
    public static List<JsonObject> Flatten(IEnumerable<JsonObject> objects)
    {
        var result = new List<JsonObject>();
        var index = 0;
        foreach (var obj in objects)
        {
            ArgumentNullException.ThrowIfNull(obj, nameof(objects));
            var kind = obj.Str("kind");
            var apiVersion = obj.Str("apiVersion");
            if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && obj.Arr("items") is { } items)
            {
                var itemKind = kind == "List" ? null : kind[..^4];
                foreach (var item in items)
                {
                    if (item is not JsonObject member)
                    {
                        throw new ArgumentException($"Object {index} ({kind}) has an item that is not an object.", nameof(objects));
                    }

                    var copy = member.CloneObject();
                    if (copy.Str("kind") is null && itemKind is not null)
                    {
                        copy["kind"] = itemKind;
                        copy["apiVersion"] ??= apiVersion;
                    }

                    result.Add(Checked(copy, index));
                }
            }
            else
            {
                result.Add(Checked(obj.CloneObject(), index));
            }

            index++;
        }

        return result;
    }

    /// <summary>Normalizes the flattened objects; returns each with the type it is stored as.</summary>
    /// <exception cref="ArgumentException">Two objects have the same kind, namespace and name.</exception>
    public static List<(ResourceType Type, JsonObject Object)> Normalize(List<JsonObject> objects, ResourceCatalog catalog, DateTimeOffset now)
    {
        var result = new List<(ResourceType, JsonObject)>();
        var seen = new HashSet<(string, string)>();
        foreach (var original in objects)
        {
            var obj = EventConversion.IsEventsApi(original) ? EventConversion.ToCore(original) : original;
            var type = catalog.ForObject(obj.Str("apiVersion")!, obj.Str("kind")!)
                ?? throw new ArgumentException($"No resource serves {obj.Str("apiVersion")} {obj.Str("kind")}.", nameof(objects));
            var metadata = obj.Child("metadata");
            if (type.Namespaced)
            {
                if (metadata.Str("namespace") is not { Length: > 0 })
                {
                    metadata["namespace"] = "default";
                }
            }
            else
            {
                metadata.Remove("namespace");
            }

            var ns = metadata.Str("namespace");
            var name = metadata.Str("name")!;
            if (!seen.Add((type.StorageKey, ObjectStore.Key(ns, name))))
            {
                throw new ArgumentException($"Two objects are {type.Kind} {ObjectStore.Key(ns, name)}.", nameof(objects));
            }

            Complete(type, obj, now);
            result.Add((type, obj));
        }

        AddNamespaces(result, catalog, now);
        CompleteEventReferences(result, catalog);
        return result;
    }

    /// <summary>A uid that depends only on the object's identity, so runs are reproducible.</summary>
    public static string DeterministicUid(string storageKey, string? ns, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{storageKey}|{ns}|{name}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }

    /// <summary>Fills uid, creation timestamp and generation when missing.</summary>
    public static void Complete(ResourceType type, JsonObject obj, DateTimeOffset now)
    {
        var metadata = obj.Child("metadata");
        if (metadata.Str("uid") is not { Length: > 0 })
        {
            metadata["uid"] = DeterministicUid(type.StorageKey, metadata.Str("namespace"), metadata.Str("name") ?? "");
        }

        if (metadata.Str("creationTimestamp") is not { Length: > 0 })
        {
            metadata["creationTimestamp"] = JsonTree.FormatTime(now);
        }

        if (type.TracksGeneration && metadata.Int("generation") is null)
        {
            metadata["generation"] = 1L;

            // Neither was given: the controller is taken to have caught up, as it has in a settled cluster.
            if (ReportsObservedGeneration(type) && obj.Obj("status") is { } status && status.Int("observedGeneration") is null)
            {
                status["observedGeneration"] = 1L;
            }
        }
    }

    private static bool ReportsObservedGeneration(ResourceType type) =>
        !type.IsCustom && (type.Group == "apps" || type.Kind is "HorizontalPodAutoscaler" or "PodDisruptionBudget");

    private static JsonObject Checked(JsonObject obj, int index)
    {
        if (obj.Str("apiVersion") is not { Length: > 0 } || obj.Str("kind") is not { Length: > 0 })
        {
            throw new ArgumentException($"Object {index} has no apiVersion or kind.", nameof(obj));
        }

        var metadata = obj.Child("metadata");
        if (metadata.Str("name") is not { Length: > 0 })
        {
            if (metadata.Str("generateName") is not { Length: > 0 } prefix)
            {
                throw new ArgumentException($"Object {index} ({obj.Str("kind")}) has no metadata.name.", nameof(obj));
            }

            metadata["name"] = prefix + DeterministicUid(obj.Str("kind")!, metadata.Str("namespace"), prefix + index.ToString(CultureInfo.InvariantCulture))[..5];
        }

        return obj;
    }

    private static void AddNamespaces(List<(ResourceType Type, JsonObject Object)> objects, ResourceCatalog catalog, DateTimeOffset now)
    {
        var namespaceType = catalog.Find("", "v1", "namespaces")!;
        var existing = objects.Where(o => o.Type == namespaceType).Select(o => o.Object.Str("metadata", "name")).ToHashSet();
        var used = objects.Select(o => o.Object.Str("metadata", "namespace")).OfType<string>().Concat(SystemNamespaces).Distinct().Order(StringComparer.Ordinal);
        foreach (var name in used)
        {
            if (existing.Contains(name))
            {
                continue;
            }

            var created = objects
                .Where(o => o.Object.Str("metadata", "namespace") == name)
                .Select(o => o.Object.Timestamp("metadata", "creationTimestamp"))
                .OfType<DateTimeOffset>()
                .DefaultIfEmpty(now)
                .Min();
            var ns = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
                    ["creationTimestamp"] = JsonTree.FormatTime(created),
                },
                ["spec"] = new JsonObject { ["finalizers"] = JsonTree.StringArray(["kubernetes"]) },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            };
            Complete(namespaceType, ns, now);
            objects.Add((namespaceType, ns));
        }
    }

    private static void CompleteEventReferences(List<(ResourceType Type, JsonObject Object)> objects, ResourceCatalog catalog)
    {
        var byKind = objects
            .GroupBy(o => (o.Type.Kind, ObjectStore.KeyOf(o.Object)))
            .ToDictionary(g => g.Key, g => g.Select(o => o.Object).ToList());
        foreach (var (type, obj) in objects)
        {
            if (type.Kind != "Event" || type.Group.Length != 0 || obj.Obj("involvedObject") is not { } reference || reference.Str("uid") is { Length: > 0 })
            {
                continue;
            }

            var kind = reference.Str("kind");
            var name = reference.Str("name");
            if (kind is null || name is null)
            {
                continue;
            }

            var referencedType = reference.Str("apiVersion") is { } apiVersion ? catalog.ForObject(apiVersion, kind) : null;
            var key = ObjectStore.Key(referencedType is { Namespaced: false } ? null : reference.Str("namespace"), name);
            if (byKind.TryGetValue((kind, key), out var candidates) && candidates.Count == 1 && candidates[0].Str("metadata", "uid") is { } uid)
            {
                reference["uid"] = uid;
            }
            else if (byKind.TryGetValue((kind, name), out var clusterScoped) && clusterScoped.Count == 1 && clusterScoped[0].Str("metadata", "uid") is { } nodeUid)
            {
                reference["uid"] = nodeUid;
            }
        }
    }
}
