namespace EksOps.Diagnosis;

/// <summary>A Kubernetes object by kind, namespace and name: a diagnosis subject, or what a finding is about.</summary>
/// <param name="Kind">The kind as the API spells it, for example <c>Deployment</c>.</param>
/// <param name="Namespace">The namespace; <see langword="null"/> for cluster-scoped objects such as nodes.</param>
/// <param name="Name">The object's name.</param>
public sealed record ObjectRef(string Kind, string? Namespace, string Name)
{
    /// <summary>The subject of an investigation that could not be tied to any object: the whole cluster.</summary>
    /// <param name="clusterName">The cluster's name.</param>
    /// <returns>A reference of kind <c>Cluster</c>.</returns>
    public static ObjectRef Cluster(string clusterName) => new("Cluster", null, clusterName);

    /// <summary>Whether this is the whole-cluster placeholder of <see cref="Cluster(string)"/>.</summary>
    public bool IsCluster => Kind == "Cluster";

    /// <summary><c>Kind namespace/name</c>, or <c>Kind name</c> for cluster-scoped objects.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
