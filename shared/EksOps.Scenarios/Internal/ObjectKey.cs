namespace EksOps.Scenarios.Internal;

/// <summary>
/// What makes a Kubernetes object unique in a cluster: API group (not version: <c>apps/v1</c> and
/// <c>apps/v1beta2</c> name the same object), kind, namespace and name.
/// </summary>
internal readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name)
{
    public static ObjectKey Of(string apiVersion, string kind, string? ns, string name)
    {
        int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return new ObjectKey(slash < 0 ? string.Empty : apiVersion[..slash], kind, ns ?? string.Empty, name);
    }

    public override string ToString() =>
        Kind + (Group.Length == 0 ? string.Empty : "." + Group) + " " + (Namespace.Length == 0 ? Name : Namespace + "/" + Name);
}
