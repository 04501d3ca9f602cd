using EksOps.Incidents;

namespace EksOps.Tools.Actions;

/// <summary>Where the API serves each kind a runbook can act on (the <c>target.kind</c> values of <c>execute_runbook</c>).</summary>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="ApiVersion">The group version it is read and written in.</param>
/// <param name="Plural">The resource name in paths.</param>
/// <param name="Namespaced">Whether objects of the kind live in a namespace.</param>
internal sealed record RunbookTargetKind(string Kind, string ApiVersion, string Plural, bool Namespaced)
{
    private static readonly RunbookTargetKind[] Known =
    [
        new(KubernetesKinds.Deployment, "apps/v1", "deployments", true),
        new(KubernetesKinds.StatefulSet, "apps/v1", "statefulsets", true),
        new(KubernetesKinds.DaemonSet, "apps/v1", "daemonsets", true),
        new(KubernetesKinds.Pod, "v1", "pods", true),
        new(KubernetesKinds.Node, "v1", "nodes", false),
        new(KubernetesKinds.HorizontalPodAutoscaler, "autoscaling/v2", "horizontalpodautoscalers", true),
    ];

    /// <summary>The ReplicaSets a Deployment's revisions live in.</summary>
    public static RunbookTargetKind ReplicaSet { get; } = new("ReplicaSet", "apps/v1", "replicasets", true);

    /// <summary>Pods, for listing a node's pods and evicting them.</summary>
    public static RunbookTargetKind Pod { get; } = Known[3];

    /// <summary>The entry for a kind the tool's schema admits.</summary>
    public static RunbookTargetKind Of(string kind) =>
        Array.Find(Known, k => k.Kind == kind)
        ?? throw new ToolException("unsupported_kind", $"runbooks act on {string.Join(", ", Known.Select(k => k.Kind))}, not {kind}");

    /// <summary>The path of the collection or, with a name, of one object.</summary>
    public string PathOf(string? ns, string? name = null) =>
        (ApiVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" : "/api/") + ApiVersion
        + (Namespaced && ns is not null ? "/namespaces/" + Uri.EscapeDataString(ns) : string.Empty)
        + "/" + Plural
        + (name is null ? string.Empty : "/" + Uri.EscapeDataString(name));
}
