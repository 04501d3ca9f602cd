using EksOps.Tools;
using EksOps.Tools.Readers;
using k8s;

namespace EksOps.Local.Tests;

/// <summary>
/// Kubernetes clients for the served cluster whose every request times out the way HttpClient reports it (a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, the caller's token not cancelled).
/// </summary>
internal sealed class TimingOutKubernetes(string kubeconfig) : IKubernetesClientFactory, IDisposable
{
    private readonly Lazy<Kubernetes> _client = new(() => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig), new TimingOut()));

    public IKubernetes GetClient(ClusterInfo cluster) => _client.Value;

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
