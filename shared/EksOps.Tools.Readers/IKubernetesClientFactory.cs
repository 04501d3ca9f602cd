using k8s;

namespace EksOps.Tools.Readers;

/// <summary>Gives the Kubernetes client for a cluster of the cluster registry.</summary>
public interface IKubernetesClientFactory
{
    /// <summary>Returns a client for the cluster (the factory owns it and may reuse it across calls).</summary>
    /// <param name="cluster">The cluster the call is for.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ToolException">The cluster cannot be reached with what the factory knows.</exception>
    IKubernetes GetClient(ClusterInfo cluster);
}
