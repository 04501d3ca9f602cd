using EksOps.Simulation.Kubernetes;

namespace EksOps.Simulation.Tests;

/// <summary>One simulated API server over a fresh <see cref="SampleCluster"/> per test class, with a kubeconfig and an HTTP client for it.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eksops-sim-" + Guid.NewGuid().ToString("n"));

    public KubernetesApiServer Server { get; private set; } = null!;

    public SimulatedCluster Cluster => Server.Cluster;

    /// <summary>A kubeconfig for <see cref="Server"/>.</summary>
    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>An HTTP client that trusts the server's CA and sends its token.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Server = await KubernetesApiServer.StartAsync(SampleCluster.Create());
        Server.WriteKubeconfig(KubeconfigPath);
        Http = TestClients.Http(Server, Server.Token);
        Kubectl = new Kubectl(KubeconfigPath, _directory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still writing its cache; the temp directory is cleaned by the OS.
        }
    }
}
