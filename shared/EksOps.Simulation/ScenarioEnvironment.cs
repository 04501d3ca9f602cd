using System.Globalization;
using System.Text;
using EksOps.Incidents;
using EksOps.Scenarios;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Simulation;

/// <summary>
/// A scenario served over the real wire protocols: its cluster as a Kubernetes API server (TLS, test CA, bearer
/// token) and its metrics, alarm and container logs as CloudWatch and CloudWatch Logs endpoints. Production clients
/// point at <see cref="Kubernetes"/> and <see cref="CloudWatch"/> instead of EKS and AWS and do not know the difference.
/// </summary>
/// <remarks>
/// Container logs become Container Insights application log events (group
/// <c>/aws/containerinsights/&lt;cluster&gt;/application</c>), the form Fluent Bit ships them in on EKS.
/// </remarks>
public sealed class ScenarioEnvironment : IAsyncDisposable
{
    private ScenarioEnvironment(Scenario scenario, KubernetesApiServer kubernetes, CloudWatchSimulator cloudWatch, string kubeconfigPath)
    {
        Scenario = scenario;
        Kubernetes = kubernetes;
        CloudWatch = cloudWatch;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The scenario being served.</summary>
    public Scenario Scenario { get; }

    /// <summary>The simulated Kubernetes API server.</summary>
    public KubernetesApiServer Kubernetes { get; }

    /// <summary>The simulated CloudWatch and CloudWatch Logs endpoint.</summary>
    public CloudWatchSimulator CloudWatch { get; }

    /// <summary>The kubeconfig written for <see cref="Kubernetes"/>.</summary>
    public string KubeconfigPath { get; }

    /// <summary>Starts both simulators for <paramref name="scenario"/> and writes a kubeconfig to <paramref name="kubeconfigPath"/>.</summary>
    /// <param name="scenario">A loaded scenario.</param>
    /// <param name="kubeconfigPath">Where to write the kubeconfig; its folder is created.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running environment; dispose it to stop both servers.</returns>
    public static async Task<ScenarioEnvironment> StartAsync(Scenario scenario, string kubeconfigPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var logs = scenario.Logs.Select(log => new ContainerLog(log.Namespace, log.Pod, log.Container, log.Previous, log.Text)).ToList();
        var kubernetes = await KubernetesApiServer.StartAsync(
            new SimulatedCluster(scenario.Objects, logs, scenario.Now),
            new KubernetesApiServerOptions { ClusterName = scenario.Cluster.Name },
            cancellationToken).ConfigureAwait(false);
        try
        {
            var cloudWatch = await CloudWatchSimulator.StartAsync(CloudWatchData(scenario, logs), cancellationToken: cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!);
            kubernetes.WriteKubeconfig(kubeconfigPath);
            return new ScenarioEnvironment(scenario, kubernetes, cloudWatch, kubeconfigPath);
        }
        catch
        {
            await kubernetes.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What a person needs to reach the served scenario: endpoints, the kubeconfig and the variables that point EksOps at them.</summary>
    /// <returns>A few lines of text.</returns>
    public string Describe()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Serving scenario '{Scenario.Id}': {Scenario.Title}");
        text.AppendLine(invariant, $"  cluster      {Scenario.Cluster.Name} ({Scenario.Cluster.Environment.Id()}, {Scenario.Cluster.Region}), clock {Scenario.Now:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine(invariant, $"  Kubernetes   {Kubernetes.Server}");
        text.AppendLine(invariant, $"  kubeconfig   {KubeconfigPath}");
        text.AppendLine(invariant, $"               kubectl --kubeconfig {KubeconfigPath} get pods -A");
        text.AppendLine(invariant, $"  CloudWatch   {CloudWatch.Endpoint} (CloudWatch and CloudWatch Logs; any SigV4 signature is accepted)");
        text.AppendLine(invariant, $"               export EKSOPS_ENDPOINT_MONITORING={CloudWatch.Endpoint} EKSOPS_ENDPOINT_LOGS={CloudWatch.Endpoint}");
        text.AppendLine(invariant, $"               aws --endpoint-url {CloudWatch.Endpoint} --region {Scenario.Cluster.Region} cloudwatch describe-alarms");
        text.Append("Press Ctrl-C to stop.");
        return text.ToString();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await CloudWatch.DisposeAsync().ConfigureAwait(false);
        await Kubernetes.DisposeAsync().ConfigureAwait(false);
    }

    private static SimulatedCloudWatch CloudWatchData(Scenario scenario, IReadOnlyList<ContainerLog> logs)
    {
        var pods = scenario.Objects
            .Where(o => (string?)o["kind"] == "Pod" && (string?)o["apiVersion"] == "v1")
            .ToDictionary(o => ((string?)o["metadata"]?["namespace"], (string?)o["metadata"]?["name"]), o => o);
        var metrics = scenario.Metrics.Select(m => new MetricSeries
        {
            Namespace = m.Namespace,
            MetricName = m.MetricName,
            Dimensions = m.Dimensions,
            Unit = m.Unit,
            Period = m.Period,
            Points = [.. m.Points.Select(p => new MetricDatapoint(p.Timestamp, p.Value))],
        });
        var logEvents = logs.SelectMany(log => ContainerInsightsLogs.FromContainerLog(
            scenario.Cluster.Name, log, pods.GetValueOrDefault((log.Namespace, log.Pod)), scenario.Now));
        return new SimulatedCloudWatch(
            metrics,
            [SimulatedAlarm.FromEvent(scenario.Alarm.Json)],
            logEvents,
            scenario.Now,
            logGroupNames: [ContainerInsightsLogs.ApplicationLogGroup(scenario.Cluster.Name)]);
    }
}
