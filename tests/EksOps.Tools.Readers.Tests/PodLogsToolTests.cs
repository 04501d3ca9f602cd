using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers.Tests;

/// <summary><c>get_pod_logs</c> through the registry against served corpus scenarios.</summary>
public class PodLogsToolTests
{
    public static TheoryData<string> Scenarios() =>
        ["checkout-restarts-prod", "search-indexer-restarts-staging", "storefront-unavailable-replicas-prod"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_log_of_the_scenario_comes_back_for_its_container_and_instance(string id)
    {
        await using var served = await ServedScenario.StartAsync(id);

        Assert.NotEmpty(served.Scenario.Logs);
        foreach (var log in served.Scenario.Logs)
        {
            var result = await served.InvokeAsync("get_pod_logs", new JsonObject
            {
                ["namespace"] = log.Namespace,
                ["pod"] = log.Pod,
                ["container"] = log.Container,
                ["previous"] = log.Previous,
                ["tailLines"] = 40,
            });

            Assert.Equal(ToolOutcome.Success, result.Outcome);
            Assert.Null(result.Truncation);
            var expected = string.Join('\n', log.Text.TrimEnd('\n').Split('\n').TakeLast(40));
            Assert.Equal(SecretRedactor.Redact(expected), ((string)result.Content["log"]!).TrimEnd('\n'));
            Assert.Equal(log.Container, (string?)result.Content["container"]);
            Assert.Equal(log.Previous, (bool)result.Content["previous"]!);
            Assert.Equal(Math.Min(40, expected.Split('\n').Length), (int)result.Content["lineCount"]!);
        }
    }

    [Fact]
    public async Task The_previous_log_of_the_crashing_checkout_pod_holds_its_last_lines_before_the_OOM_kill()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var log = served.Scenario.Logs.Single(l => l.Previous);

        var result = await served.InvokeAsync("get_pod_logs", new JsonObject
        {
            ["namespace"] = log.Namespace, ["pod"] = log.Pod, ["previous"] = true, ["tailLines"] = 5,
        });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        var expected = log.Text.TrimEnd('\n').Split('\n').TakeLast(5).ToArray();
        Assert.Equal(expected.Select(SecretRedactor.Redact), ((string)result.Content["log"]!).TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Without_a_container_the_first_application_container_is_read_and_every_container_is_listed()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var log = served.Scenario.Logs.Single(l => !l.Previous);
        var pod = PodObject(served, log.Namespace, log.Pod);
        var containers = pod["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        var init = pod["spec"]!["initContainers"]?.AsArray().Select(c => (string)c!["name"]!).ToList() ?? [];

        var result = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = log.Namespace, ["pod"] = log.Pod, ["tailLines"] = 3 });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal(containers[0], (string?)result.Content["container"]);
        Assert.Equal(init.Concat(containers), result.Content["containers"]!.AsArray().Select(c => (string)c!));
        Assert.False((bool)result.Content["previous"]!);
    }

    [Fact]
    public async Task A_multi_container_pod_reads_the_named_sidecar_and_lists_init_and_app_containers()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var first = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = "kube-system", ["pod"] = "aws-node-ccsb9" });
        var sidecar = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = "kube-system", ["pod"] = "aws-node-ccsb9", ["container"] = "aws-eks-nodeagent" });

        Assert.Equal(ToolOutcome.Success, first.Outcome);
        Assert.Equal("aws-node", (string?)first.Content["container"]);
        Assert.Equal(["aws-vpc-cni-init", "aws-node", "aws-eks-nodeagent"], first.Content["containers"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(ToolOutcome.Success, sidecar.Outcome);
        Assert.Equal("aws-eks-nodeagent", (string?)sidecar.Content["container"]);
    }

    [Fact]
    public async Task A_missing_pod_fails_with_not_found_and_the_API_servers_message()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var result = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = "shop", ["pod"] = "no-such-pod" });

        Assert.Equal(ToolOutcome.Failed, result.Outcome);
        Assert.Equal("not_found", result.ErrorCode);
        Assert.Contains("no-such-pod", (string)result.Content["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_container_fails_naming_the_containers_the_pod_has()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var log = served.Scenario.Logs[0];

        var result = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = log.Namespace, ["pod"] = log.Pod, ["container"] = "sidecar-x" });

        Assert.Equal(ToolOutcome.Failed, result.Outcome);
        Assert.Equal("not_found", result.ErrorCode);
        Assert.Contains(log.Container, (string)result.Content["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_arguments_are_refused_before_the_cluster_is_asked()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var result = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = "shop", ["pod"] = "checkout", ["tailLines"] = 10_000 });

        Assert.Equal(ToolOutcome.InvalidArguments, result.Outcome);
        Assert.Contains(result.ArgumentErrors, e => e.Path == "/tailLines");
    }

    [Fact]
    public async Task Logs_are_refused_where_sensitive_reads_are_switched_off()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod", new ToolPolicyOptions { SensitiveReadsEnabled = false });
        var log = served.Scenario.Logs[0];

        var result = await served.InvokeAsync("get_pod_logs", new JsonObject { ["namespace"] = log.Namespace, ["pod"] = log.Pod });

        Assert.Equal(ToolOutcome.PolicyDenied, result.Outcome);
    }

    internal static JsonObject PodObject(ServedScenario served, string ns, string name) =>
        served.Scenario.Objects.Single(o => (string?)o["kind"] == "Pod" && (string?)o["metadata"]?["namespace"] == ns && (string?)o["metadata"]?["name"] == name);
}
