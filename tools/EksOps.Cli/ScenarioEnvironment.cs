using System.Globalization;
using System.Text;
using EksOps.Incidents;
using EksOps.Scenarios;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Cli;

/// <summary>A scenario served over the real wire protocols: its cluster as a Kubernetes API server.</summary>
internal sealed class ScenarioEnvironment : IAsyncDisposable
{
    private ScenarioEnvironment(Scenario scenario, KubernetesApiServer kubernetes, string kubeconfigPath)
    {
        Scenario = scenario;
        Kubernetes = kubernetes;
        KubeconfigPath = kubeconfigPath;
    }

    public Scenario Scenario { get; }

    public KubernetesApiServer Kubernetes { get; }

    public string KubeconfigPath { get; }

    public static async Task<ScenarioEnvironment> StartAsync(Scenario scenario, string kubeconfigPath, CancellationToken cancellationToken)
    {
        var cluster = new SimulatedCluster(
            scenario.Objects,
            scenario.Logs.Select(log => new ContainerLog(log.Namespace, log.Pod, log.Container, log.Previous, log.Text)),
            scenario.Now);
        var kubernetes = await KubernetesApiServer.StartAsync(
            cluster, new KubernetesApiServerOptions { ClusterName = scenario.Cluster.Name }, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfigPath)!);
        kubernetes.WriteKubeconfig(kubeconfigPath);
        return new ScenarioEnvironment(scenario, kubernetes, kubeconfigPath);
    }

    /// <summary>What a person needs to reach the served scenario.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Serving scenario '{Scenario.Id}': {Scenario.Title}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  cluster      {Scenario.Cluster.Name} ({Scenario.Cluster.Environment.Id()}, {Scenario.Cluster.Region}), clock {Scenario.Now:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Kubernetes   {Kubernetes.Server}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  kubeconfig   {KubeconfigPath}");
        text.AppendLine(CultureInfo.InvariantCulture, $"               kubectl --kubeconfig {KubeconfigPath} get pods -A");
        text.Append("Press Ctrl-C to stop.");
        return text.ToString();
    }

    public ValueTask DisposeAsync() => Kubernetes.DisposeAsync();
}
