using System.Collections.Concurrent;
using k8s;

namespace EksOps.Tools.Readers;

/// <summary>
/// Builds Kubernetes clients from kubeconfig files: the cluster's own <see cref="ClusterInfo.Kubeconfig"/>, or else a
/// fallback kubeconfig (the simulated cluster's, or a laptop's). One client per cluster name, reused.
/// </summary>
public sealed class KubeconfigClientFactory : IKubernetesClientFactory, IDisposable
{
    private readonly string? _fallbackKubeconfig;
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates the factory.</summary>
    /// <param name="fallbackKubeconfig">The kubeconfig for clusters that name none; <see langword="null"/> for none.</param>
    public KubeconfigClientFactory(string? fallbackKubeconfig = null) => _fallbackKubeconfig = fallbackKubeconfig;

    /// <inheritdoc/>
    public IKubernetes GetClient(ClusterInfo cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var path = cluster.Kubeconfig ?? _fallbackKubeconfig
            ?? throw new ToolException("cluster_unreachable", $"no kubeconfig is configured for cluster {cluster.Name}");
        return _clients.GetOrAdd(cluster.Name, _ => new Lazy<IKubernetes>(() => Create(path, cluster.Name))).Value;
    }

    /// <summary>Disposes every client created.</summary>
    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }

    private static Kubernetes Create(string path, string clusterName)
    {
        if (!File.Exists(path))
        {
            throw new ToolException("cluster_unreachable", $"the kubeconfig for cluster {clusterName} does not exist");
        }

        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }
}
