namespace EksOps.Incidents;

/// <summary>The Kubernetes <c>kind</c> names that runbooks act on, spelled as the API spells them.</summary>
public static class KubernetesKinds
{
    /// <summary><c>Deployment</c> (<c>apps/v1</c>).</summary>
    public const string Deployment = "Deployment";

    /// <summary><c>StatefulSet</c> (<c>apps/v1</c>).</summary>
    public const string StatefulSet = "StatefulSet";

    /// <summary><c>DaemonSet</c> (<c>apps/v1</c>).</summary>
    public const string DaemonSet = "DaemonSet";

    /// <summary><c>Pod</c> (<c>v1</c>).</summary>
    public const string Pod = "Pod";

    /// <summary><c>Node</c> (<c>v1</c>).</summary>
    public const string Node = "Node";

    /// <summary><c>HorizontalPodAutoscaler</c> (<c>autoscaling/v2</c>).</summary>
    public const string HorizontalPodAutoscaler = "HorizontalPodAutoscaler";
}
