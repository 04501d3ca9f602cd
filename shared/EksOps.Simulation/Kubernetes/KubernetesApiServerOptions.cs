namespace EksOps.Simulation.Kubernetes;

/// <summary>How a <see cref="KubernetesApiServer"/> presents itself.</summary>
public sealed class KubernetesApiServerOptions
{
    /// <summary>The bearer token clients must send; default a fresh random one.</summary>
    public string? Token { get; init; }

    /// <summary>The name of the cluster, user (with <c>-user</c>) and context in the kubeconfig; default <c>simulated</c>.</summary>
    public string ClusterName { get; init; } = "simulated";

    /// <summary>The namespace the kubeconfig's context selects; default none (<c>default</c>).</summary>
    public string? DefaultNamespace { get; init; }

    /// <summary>The <c>gitVersion</c> <c>/version</c> reports; default an EKS 1.32 build.</summary>
    public string KubernetesVersion { get; init; } = "v1.32.9-eks-113cf36";
}
