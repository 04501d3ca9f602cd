namespace EksOps.Simulation.Tests;

/// <summary>Pod logs over raw HTTP: container defaulting and refusals, instance choice, and the log options, on the cluster clock.</summary>
public sealed class PodLogTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Pods = "/api/v1/namespaces/shop/pods";

    [Fact]
    public async Task A_multi_container_pod_without_a_container_name_is_refused_with_the_servers_message()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"{Pods}/{SampleCluster.CartPod}/log");

        Assert.Equal(400, status);
        Assert.Equal(("BadRequest", $"a container name must be specified for pod {SampleCluster.CartPod}, choose one of: [app log-shipper]"),
            (error.Str("reason"), error.Str("message")));
    }

    [Fact]
    public async Task An_unknown_container_is_refused_with_the_servers_message()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"{Pods}/{SampleCluster.CartPod}/log?container=sidecar");

        Assert.Equal(400, status);
        Assert.Equal($"container sidecar is not valid for pod {SampleCluster.CartPod}", error.Str("message"));
    }

    [Fact]
    public async Task Previous_logs_of_a_container_that_never_terminated_are_refused_with_the_kubelets_message()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"{Pods}/{SampleCluster.RunningPod}/log?previous=true");

        Assert.Equal(400, status);
        Assert.Equal($"previous terminated container \"app\" in pod \"{SampleCluster.RunningPod}\" not found", error.Str("message"));
    }

    [Fact]
    public async Task The_current_log_of_a_crash_looping_container_is_its_last_terminated_instance()
    {
        var (status, body, contentType) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.CrashingPod}/log");

        Assert.Equal(200, status);
        Assert.Equal("text/plain", contentType);
        Assert.Equal(SampleCluster.PreviousLog, body);
    }

    [Fact]
    public async Task Tail_lines_keeps_the_last_lines()
    {
        var (_, body, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.RunningPod}/log?tailLines=2");

        Assert.Equal("2026-11-20T10:00:00Z WARN payments latency p99 2.1s\n2026-11-20T10:01:30Z ERROR payment call timed out after 5s\n", body);
    }

    [Fact]
    public async Task Since_seconds_counts_back_from_the_cluster_clock_and_keeps_lines_without_a_timestamp()
    {
        var (_, running, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.RunningPod}/log?sinceSeconds=150");
        var (_, crashed, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.CrashingPod}/log?previous=true&sinceSeconds=65");

        Assert.Equal("2026-11-20T10:00:00Z WARN payments latency p99 2.1s\n2026-11-20T10:01:30Z ERROR payment call timed out after 5s\n", running);
        Assert.Equal("2026-11-20T10:00:57Z ERROR dial tcp 10.100.31.7:8443: connect: connection refused\npanic: payments unavailable\n", crashed);
    }

    [Fact]
    public async Task Timestamps_prefix_each_line_and_limit_bytes_truncates()
    {
        var (_, stamped, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.CrashingPod}/log?previous=true&timestamps=true&tailLines=1");
        var (_, limited, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.RunningPod}/log?limitBytes=20");

        Assert.Equal("2026-11-20T10:00:57.000000000Z panic: payments unavailable\n", stamped);
        Assert.Equal("2026-11-20T09:50:00Z", limited);
    }

    [Fact]
    public async Task A_pod_that_was_never_scheduled_has_an_empty_log()
    {
        var (status, body, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/{SampleCluster.PendingPod}/log");

        Assert.Equal((200, ""), (status, body));
    }

    [Fact]
    public async Task Invalid_log_options_are_refused_as_invalid_pod_log_options()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"{Pods}/{SampleCluster.RunningPod}/log?tailLines=-1");

        Assert.Equal(422, status);
        Assert.Equal($"PodLogOptions \"{SampleCluster.RunningPod}\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0", error.Str("message"));
    }

    [Fact]
    public async Task The_log_of_a_missing_pod_is_not_found()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"{Pods}/gone/log");

        Assert.Equal((404, "pods \"gone\" not found"), (status, error.Str("message")));
    }
}
