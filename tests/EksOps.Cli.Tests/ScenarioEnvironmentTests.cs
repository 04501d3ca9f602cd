using EksOps.Aws.CloudWatch;
using EksOps.Local;
using EksOps.Scenarios;
using EksOps.Simulation;
using k8s;
using KubernetesClient = k8s.Kubernetes;

namespace EksOps.Cli.Tests;

/// <summary>Every scenario of the corpus is served, and a stock Kubernetes client reads back what it holds.</summary>
public class ScenarioEnvironmentTests
{
    [Theory]
    [MemberData(nameof(Repository.ScenarioIds), MemberType = typeof(Repository))]
    public async Task Every_scenario_serves_its_pods_and_logs_to_a_stock_Kubernetes_client(string id)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repository.Scenarios, id));
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("eksops-test-").FullName, "kubeconfig");
        await using var environment = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, TestContext.Current.CancellationToken);
        using var client = new KubernetesClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));

        var pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: TestContext.Current.CancellationToken);

        var expected = scenario.Objects
            .Where(o => (string?)o["kind"] == "Pod")
            .Select(o => $"{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, pods.Items.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}").Order(StringComparer.Ordinal));
        foreach (var log in scenario.Logs)
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(
                log.Pod, log.Namespace, container: log.Container, previous: log.Previous, cancellationToken: TestContext.Current.CancellationToken);
            using var reader = new StreamReader(stream);
            Assert.Equal(log.Text.TrimEnd('\n'), (await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).TrimEnd('\n'));
        }
    }

    [Theory]
    [MemberData(nameof(Repository.ScenarioIds), MemberType = typeof(Repository))]
    public async Task Every_scenario_serves_its_metrics_and_alarm_to_the_production_CloudWatch_client(string id)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repository.Scenarios, id));
        await using var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        var cloudWatch = new CloudWatchClient(served.AwsPipeline);

        var alarms = await cloudWatch.DescribeAlarmsAsync(
            new DescribeAlarmsRequest { AlarmNames = [scenario.Alarm.StateChange.AlarmName] }, TestContext.Current.CancellationToken);
        Assert.Single(alarms.MetricAlarms.Select(a => a.AlarmName).Concat(alarms.CompositeAlarms.Select(a => a.AlarmName)), scenario.Alarm.StateChange.AlarmName);
        foreach (var series in scenario.Metrics)
        {
            var result = await cloudWatch.GetMetricDataAsync(
                new GetMetricDataRequest
                {
                    MetricDataQueries = [MetricDataQuery.ForMetric("m1", new MetricStat
                    {
                        Metric = new Metric
                        {
                            Namespace = series.Namespace,
                            MetricName = series.MetricName,
                            Dimensions = [.. series.Dimensions.Select(d => new Dimension(d.Key, d.Value))],
                        },
                        Period = series.Period,
                        Stat = "Maximum",
                    })],
                    StartTime = series.Points[0].Timestamp,
                    EndTime = series.Points[^1].Timestamp.AddSeconds(series.Period),
                    ScanBy = ScanBy.TimestampAscending,
                },
                TestContext.Current.CancellationToken);

            Assert.Equal(series.Points.Select(p => p.Value), result.Find("m1")!.Values);
        }
    }

    [Fact]
    public async Task The_description_names_the_kubeconfig_and_the_API_server()
    {
        var scenario = ScenarioLoader.Load(Repository.ScenarioDirectories().First());
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("eksops-test-").FullName, "kubeconfig");

        await using var environment = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, TestContext.Current.CancellationToken);

        var description = environment.Describe();
        Assert.Contains(kubeconfig, description, StringComparison.Ordinal);
        Assert.Contains(environment.Kubernetes.Server, description, StringComparison.Ordinal);
        Assert.Contains(environment.CloudWatch.Endpoint.ToString(), description, StringComparison.Ordinal);
        Assert.True(File.Exists(kubeconfig));
        Assert.Contains(scenario.Cluster.Name, await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
