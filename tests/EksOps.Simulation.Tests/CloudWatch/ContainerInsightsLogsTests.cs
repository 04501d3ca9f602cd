using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws.Logs;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Kubernetes;
using EksOps.Simulation.Tests.CloudWatch.Support;

namespace EksOps.Simulation.Tests.CloudWatch;

/// <summary>Container logs mapped to Container Insights' application log group, and read back through CloudWatch Logs.</summary>
public sealed class ContainerInsightsLogsTests
{
    private const string Cluster = "prod-eks";
    private const string Pod = "checkout-6d6584985-fxfnn";
    private const string CurrentId = "5f0c3c1bd1d8e1c0b6bb45c7e7d3a3c2f5e5b8a9c1d2e3f4a5b6c7d8e9f0a1b2";
    private const string PreviousId = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", CultureInfo.InvariantCulture);

    private static JsonObject PodObject() => JsonNode.Parse($$"""
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": { "name": "{{Pod}}", "namespace": "shop", "uid": "7d1e2f3a-0000-4000-8000-000000000001" },
          "spec": { "nodeName": "ip-10-0-1-23.ap-northeast-2.compute.internal",
                    "containers": [ { "name": "app", "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:2.31.4" } ] },
          "status": { "containerStatuses": [ {
            "name": "app", "restartCount": 4,
            "imageID": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout@sha256:abc",
            "containerID": "containerd://{{CurrentId}}",
            "lastState": { "terminated": { "reason": "OOMKilled", "exitCode": 137, "containerID": "containerd://{{PreviousId}}",
                                           "startedAt": "2026-11-20T09:58:00Z", "finishedAt": "2026-11-20T09:59:45Z" } } } ] }
        }
        """)!.AsObject();

    private const string PreviousLog = """
        {"level":"info","ts":"2026-11-20T09:58:00.000Z","msg":"starting checkout"}
        {"level":"warn","ts":1795168770.5,"msg":"heap at 92% of memory limit"}
        fatal error: runtime: out of memory
        """;

    [Fact]
    public void Each_line_becomes_a_Fluent_Bit_record_in_the_application_group_and_the_containers_stream()
    {
        var events = ContainerInsightsLogs.FromContainerLog(Cluster, new ContainerLog("shop", Pod, "app", Previous: true, PreviousLog), PodObject(), Now);

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("/aws/containerinsights/prod-eks/application", e.LogGroupName));
        Assert.All(events, e => Assert.Equal($"ip-10-0-1-23.ap-northeast-2.compute.internal-application.var.log.containers.{Pod}_shop_app-{PreviousId}.log", e.LogStreamName));
        using var record = JsonDocument.Parse(events[2].Message);
        var root = record.RootElement;
        Assert.Equal("fatal error: runtime: out of memory", root.GetProperty("log").GetString());
        Assert.Equal("stdout", root.GetProperty("stream").GetString());
        var kubernetes = root.GetProperty("kubernetes");
        Assert.Equal(Pod, kubernetes.GetProperty("pod_name").GetString());
        Assert.Equal("shop", kubernetes.GetProperty("namespace_name").GetString());
        Assert.Equal("app", kubernetes.GetProperty("container_name").GetString());
        Assert.Equal("ip-10-0-1-23.ap-northeast-2.compute.internal", kubernetes.GetProperty("host").GetString());
        Assert.Equal(PreviousId, kubernetes.GetProperty("docker_id").GetString());
        Assert.Equal("7d1e2f3a-0000-4000-8000-000000000001", kubernetes.GetProperty("pod_id").GetString());
        Assert.EndsWith("checkout:2.31.4", kubernetes.GetProperty("container_image").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_takes_its_own_time_or_that_of_the_line_before()
    {
        var events = ContainerInsightsLogs.FromContainerLog(Cluster, new ContainerLog("shop", Pod, "app", Previous: true, PreviousLog), PodObject(), Now);

        Assert.Equal(
            [
                DateTimeOffset.Parse("2026-11-20T09:58:00Z", CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(1795168770500),
                DateTimeOffset.FromUnixTimeMilliseconds(1795168770500),
            ],
            events.Select(e => e.Timestamp));
    }

    [Fact]
    public void Lines_without_any_time_take_the_instances_end_and_a_leading_RFC3339_time_is_read()
    {
        var previous = ContainerInsightsLogs.FromContainerLog(Cluster, new ContainerLog("shop", Pod, "app", Previous: true, "panic: boom\ngoroutine 1 [running]:\n"), PodObject(), Now);
        var current = ContainerInsightsLogs.FromContainerLog(Cluster, new ContainerLog("shop", Pod, "app", Previous: false, "listening\n\n2026-11-20T10:00:01.123456789Z ready\n"), PodObject(), Now);

        Assert.All(previous, e => Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:59:45Z", CultureInfo.InvariantCulture), e.Timestamp));
        Assert.Equal(2, current.Count);
        Assert.All(current, e => Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:00:01.123Z", CultureInfo.InvariantCulture), e.Timestamp));
        Assert.EndsWith($"_shop_app-{CurrentId}.log", current[0].LogStreamName, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_pod_the_host_is_unknown_and_the_container_id_is_derived()
    {
        var log = new ContainerLog("shop", Pod, "app", Previous: false, "hello");

        var first = ContainerInsightsLogs.FromContainerLog(Cluster, log, pod: null, Now);
        var second = ContainerInsightsLogs.FromContainerLog(Cluster, log, pod: null, Now);

        var single = Assert.Single(first);
        Assert.Equal(single.LogStreamName, Assert.Single(second).LogStreamName);
        Assert.Matches($"^unknown-application\\.var\\.log\\.containers\\.{Pod}_shop_app-[0-9a-f]{{64}}\\.log$", single.LogStreamName);
        Assert.Equal(Now, single.Timestamp);
    }

    [Fact]
    public async Task Mapped_container_logs_can_be_searched_by_their_Kubernetes_metadata()
    {
        var events = ContainerInsightsLogs.FromContainerLog(Cluster, new ContainerLog("shop", Pod, "app", Previous: true, PreviousLog), PodObject(), Now)
            .Concat(ContainerInsightsLogs.FromContainerLog(Cluster, new ContainerLog("kube-system", "coredns-0", "coredns", Previous: false, "2026-11-20T10:00:00Z [INFO] plugin/reload"), pod: null, Now));
        var group = ContainerInsightsLogs.ApplicationLogGroup(Cluster);
        await using var clients = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [], events, Now));

        var filtered = await clients.Logs.FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = group, FilterPattern = "{ $.kubernetes.namespace_name = \"shop\" && $.log = \"*out of memory*\" }" },
            TestContext.Current.CancellationToken);
        var queried = await clients.Logs.RunQueryAsync(
            new StartQueryRequest
            {
                QueryString = "fields @timestamp, log, kubernetes.pod_name | filter kubernetes.container_name = \"app\" and log like /memory/ | sort @timestamp asc",
                LogGroupNames = [group],
                StartTime = Now.AddHours(-1),
                EndTime = Now,
            },
            new QueryWaitOptions { Timeout = TimeSpan.FromSeconds(20) },
            TestContext.Current.CancellationToken);

        Assert.Contains("out of memory", Assert.Single(filtered.Events).Message, StringComparison.Ordinal);
        Assert.Equal(2, queried.Rows.Count);
        Assert.Contains("heap at 92% of memory limit", queried.Rows[0]["log"], StringComparison.Ordinal);
        Assert.Equal("fatal error: runtime: out of memory", queried.Rows[1]["log"]);
        Assert.All(queried.Rows, r => Assert.Equal(Pod, r["kubernetes.pod_name"]));
    }
}
