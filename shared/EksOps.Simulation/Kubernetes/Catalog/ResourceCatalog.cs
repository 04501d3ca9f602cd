using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Every group, version and resource the simulated server serves: the built-in ones, the ones custom resource
/// definitions among the objects describe, and any other kind the objects use (names guessed as Kubernetes does).
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly List<(string Group, List<string> Versions)> _groups = [];
    private readonly Dictionary<(string Group, string Version, string Name), ResourceType> _byResource = [];
    private readonly Dictionary<(string Group, string Kind), List<ResourceType>> _byKind = [];
    private readonly List<ResourceType> _all = [];

    public ResourceCatalog(IEnumerable<JsonObject> objects)
    {
        foreach (var (group, versions) in BuiltInResources.Groups)
        {
            _groups.Add((group, [.. versions]));
        }

        foreach (var type in BuiltInResources.All)
        {
            Add(type);
        }

        var list = objects.ToList();
        foreach (var crd in list.Where(o => o.Str("kind") == "CustomResourceDefinition" && (o.Str("apiVersion") ?? "").StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal)))
        {
            AddDefinition(crd);
        }

        foreach (var obj in list)
        {
            var (group, version) = SplitApiVersion(obj.Str("apiVersion") ?? "");
            var kind = obj.Str("kind");
            if (kind is null || version.Length == 0 || Find(group, version, kind, byKind: true) is not null)
            {
                continue;
            }

            var (plural, singular) = GuessResource(kind);
            Add(new ResourceType
            {
                Group = group,
                Version = version,
                Name = plural,
                SingularName = singular,
                Kind = kind,
                Namespaced = obj.Str("metadata", "namespace") is { Length: > 0 },
                IsCustom = true,
                TracksGeneration = true,
            });
        }
    }

    /// <summary>Groups in discovery order, each with its versions, preferred first. The core group is named "".</summary>
    public IReadOnlyList<(string Group, List<string> Versions)> Groups => _groups;

    /// <summary>Every resource type.</summary>
    public IReadOnlyList<ResourceType> All => _all;

    /// <summary>Splits <c>apps/v1</c> into group and version; <c>v1</c> is the core group.</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>The resource name Kubernetes guesses for a kind it has no definition for (<c>UnsafeGuessKindToResource</c>).</summary>
    public static (string Plural, string Singular) GuessResource(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular.EndsWith("endpoints", StringComparison.Ordinal))
        {
            return (singular, singular);
        }

        return singular[^1] switch
        {
            's' => (singular + "es", singular),
            'y' => (singular[..^1] + "ies", singular),
            _ => (singular + "s", singular),
        };
    }

    /// <summary>The resources of one group version, sorted by name.</summary>
    public IEnumerable<ResourceType> InGroupVersion(string group, string version) =>
        _all.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>The resource <paramref name="name"/> (plural, or the kind when <paramref name="byKind"/>) of a group version.</summary>
    public ResourceType? Find(string group, string version, string name, bool byKind = false)
    {
        if (!byKind)
        {
            return _byResource.GetValueOrDefault((group, version, name));
        }

        return _byKind.TryGetValue((group, name), out var types) ? types.FirstOrDefault(t => t.Version == version) : null;
    }

    /// <summary>The type an object of <paramref name="apiVersion"/> and <paramref name="kind"/> is stored as; events.k8s.io Events are stored as core Events.</summary>
    public ResourceType? ForObject(string apiVersion, string kind)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        if (group == "events.k8s.io" && kind == "Event")
        {
            group = "";
            version = "v1";
        }

        return Find(group, version, kind, byKind: true)
            ?? (_byKind.TryGetValue((group, kind), out var types) ? types.FirstOrDefault() : null);
    }

    private void AddDefinition(JsonObject crd)
    {
        var group = crd.Str("spec", "group");
        var names = crd.Obj("spec", "names");
        var kind = names.Str("kind");
        var plural = names.Str("plural");
        if (group is null || kind is null || plural is null || crd.Arr("spec", "versions") is not { } versions)
        {
            return;
        }

        foreach (var version in versions.OfType<JsonObject>())
        {
            var versionName = version.Str("name");
            if (versionName is null || version.Bool("served") == false || Find(group, versionName, plural) is not null)
            {
                continue;
            }

            var subresources = new List<SubresourceType>();
            if (version.Obj("subresources", "scale") is not null)
            {
                subresources.Add(new SubresourceType(plural + "/scale", "Scale", ["get", "patch", "update"], "autoscaling", "v1"));
            }

            if (version.Obj("subresources", "status") is not null)
            {
                subresources.Add(new SubresourceType(plural + "/status", kind, ["get", "patch", "update"]));
            }

            Add(new ResourceType
            {
                Group = group,
                Version = versionName,
                Name = plural,
                SingularName = names.Str("singular") ?? kind.ToLowerInvariant(),
                Kind = kind,
                Namespaced = crd.Str("spec", "scope") != "Cluster",
                ShortNames = names.At("shortNames").Strings(),
                Categories = names.At("categories").Strings(),
                Subresources = subresources,
                IsCustom = true,
                TracksGeneration = true,
            });
        }
    }

    private void Add(ResourceType type)
    {
        _all.Add(type);
        _byResource[(type.Group, type.Version, type.Name)] = type;
        if (!_byKind.TryGetValue((type.Group, type.Kind), out var types))
        {
            _byKind[(type.Group, type.Kind)] = types = [];
        }

        types.Add(type);
        var index = _groups.FindIndex(g => g.Group == type.Group);
        if (index < 0)
        {
            _groups.Add((type.Group, [type.Version]));
        }
        else if (!_groups[index].Versions.Contains(type.Version))
        {
            _groups[index].Versions.Add(type.Version);
        }
    }
}
