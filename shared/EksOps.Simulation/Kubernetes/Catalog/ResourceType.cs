namespace EksOps.Simulation.Kubernetes;

/// <summary>One resource of one group version, as discovery describes it, plus how the simulator stores and serves it.</summary>
internal sealed class ResourceType
{
    /// <summary>The verbs of a standard resource.</summary>
    public static readonly IReadOnlyList<string> StandardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private static readonly Dictionary<string, FieldLabel> NoFields = [];

    /// <summary>The API group; empty for the core ("legacy") group.</summary>
    public required string Group { get; init; }

    /// <summary>The version, e.g. <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The plural resource name used in paths.</summary>
    public required string Name { get; init; }

    /// <summary>The singular name.</summary>
    public required string SingularName { get; init; }

    /// <summary>The kind of the objects.</summary>
    public required string Kind { get; init; }

    /// <summary>Whether objects live in namespaces.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>The verbs discovery advertises.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    /// <summary>Short names (<c>po</c>, <c>deploy</c>).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories (<c>all</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Subresources discovery lists.</summary>
    public IReadOnlyList<SubresourceType> Subresources { get; init; } = [];

    /// <summary>Not one of Kubernetes' built-in resources (a custom resource or a kind the simulator only knows from the objects).</summary>
    public bool IsCustom { get; init; }

    /// <summary>Whether <c>metadata.generation</c> is kept and bumped when anything outside metadata and status changes.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Whether this type is <c>events.k8s.io</c> Event, stored as core Events and converted when served.</summary>
    public bool IsEventsApi { get; init; }

    /// <summary>The group whose storage holds the objects (events.k8s.io shares the core group's).</summary>
    public string? StorageGroup { get; init; }

    /// <summary>Fields a field selector may name besides <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlyDictionary<string, FieldLabel> FieldLabels { get; init; } = NoFields;

    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The key of the storage shared by every version of this resource.</summary>
    public string StorageKey => (StorageGroup ?? Group) + "/" + Name;

    /// <summary>The resource as error messages name it: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Name : Name + "." + Group;

    /// <summary>Whether the status subresource exists: writes to the object then ignore status, and writes to <c>/status</c> change only status.</summary>
    public bool HasStatus => HasSubresource("status");

    /// <summary>Whether discovery lists <paramref name="name"/> as a subresource.</summary>
    public bool HasSubresource(string name) => Subresources.Any(s => s.Name == Name + "/" + name);

    /// <inheritdoc />
    public override string ToString() => GroupVersion + "/" + Name;
}
