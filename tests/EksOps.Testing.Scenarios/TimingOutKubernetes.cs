using EksOps.Tools;
using EksOps.Tools.Readers;
using k8s;

namespace EksOps.Testing.Scenarios;

/// <summary>
/// Kubernetes clients for a served cluster whose every request times out the way HttpClient reports it (a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, the caller's token not cancelled),
/// for tests of what a step does when the API server stops answering.
/// </summary>
/// <param name="kubeconfig">The served cluster's kubeconfig.</param>
public sealed class TimingOutKubernetes(string kubeconfig) : IKubernetesClientFactory, IDisposable
{
    private readonly Lazy<Kubernetes> _client = new(() => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig), new TimingOut()));

    /// <inheritdoc/>
    public IKubernetes GetClient(ClusterInfo cluster) => _client.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    private sealed class TimingOut : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException("The operation was canceled."));
    }
}
