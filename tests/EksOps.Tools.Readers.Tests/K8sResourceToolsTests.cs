using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers.Tests;

/// <summary><c>list_k8s_resources</c> and <c>get_k8s_resource</c> through the registry against served corpus scenarios.</summary>
public class K8sResourceToolsTests
{
    [Theory]
    [InlineData("checkout-restarts-prod")]
    [InlineData("search-indexer-restarts-staging")]
    [InlineData("storefront-unavailable-replicas-prod")]
    public async Task A_crashing_pod_comes_with_its_owner_chain_up_to_the_Deployment_and_its_restarts(string id)
    {
        await using var served = await ServedScenario.StartAsync(id);
        var log = served.Scenario.Logs.First(l => l.Previous);
        var pod = PodLogsToolTests.PodObject(served, log.Namespace, log.Pod);
        var replicaSet = Owner(pod);
        var replicaSetObject = served.Scenario.Objects.Single(o => (string?)o["kind"] == "ReplicaSet" && (string?)o["metadata"]?["name"] == replicaSet);
        var deployment = Owner(replicaSetObject);

        var result = await served.InvokeAsync("get_k8s_resource", new JsonObject { ["kind"] = "Pod", ["namespace"] = log.Namespace, ["name"] = log.Pod });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal(log.Pod, (string?)result.Content["object"]!["metadata"]!["name"]);
        Assert.Null(result.Content["object"]!["metadata"]!["managedFields"]);
        Assert.Equal(
            [("ReplicaSet", replicaSet), ("Deployment", deployment)],
            result.Content["ownerChain"]!.AsArray().Select(o => ((string?)o!["kind"], (string?)o["name"])));
        var status = result.Content["podStatus"]!;
        var expectedRestarts = pod["status"]!["containerStatuses"]!.AsArray().Sum(c => long.Parse(c!["restartCount"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedRestarts, (long)status["restarts"]!);
        Assert.True(expectedRestarts > 0);
        var app = status["containers"]!.AsArray().Single(c => (string?)c!["name"] == log.Container)!;
        Assert.Equal(
            (string?)pod["status"]!["containerStatuses"]!.AsArray().Single(c => (string?)c!["name"] == log.Container)!["lastState"]?["terminated"]?["reason"],
            (string?)app["lastTerminationReason"]);
    }

    [Fact]
    public async Task The_crashing_checkout_container_was_OOM_killed_with_exit_code_137()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var log = served.Scenario.Logs.Single(l => l.Previous);

        var result = await served.InvokeAsync("get_k8s_resource", new JsonObject { ["kind"] = "Pod", ["namespace"] = log.Namespace, ["name"] = log.Pod });

        var app = result.Content["podStatus"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == log.Container)!;
        Assert.Equal("OOMKilled", (string?)app["lastTerminationReason"]);
        Assert.Equal(137, (long)app["lastExitCode"]!);
    }

    [Fact]
    public async Task Listing_pods_of_a_namespace_returns_every_pod_the_scenario_holds_there_with_owners()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var expected = served.Scenario.Objects
            .Where(o => (string?)o["kind"] == "Pod" && (string?)o["metadata"]?["namespace"] == "shop")
            .Select(o => (string)o["metadata"]!["name"]!)
            .Order(StringComparer.Ordinal)
            .ToList();

        var result = await served.InvokeAsync("list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["namespace"] = "shop", ["limit"] = 500 });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        var items = result.Content["items"]!.AsArray();
        Assert.Equal(expected, items.Select(i => (string)i!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, (int)result.Content["count"]!);
        Assert.All(items, i => Assert.StartsWith("ReplicaSet/", (string?)i!["owner"] ?? "ReplicaSet/", StringComparison.Ordinal));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty((string?)i!["status"])));
    }

    [Fact]
    public async Task Listing_nodes_and_deployments_resolves_cluster_scoped_and_apps_kinds()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var nodes = served.Scenario.Objects.Count(o => (string?)o["kind"] == "Node");
        var deployments = served.Scenario.Objects.Count(o => (string?)o["kind"] == "Deployment" && (string?)o["metadata"]?["namespace"] == "shop");

        var nodeResult = await served.InvokeAsync("list_k8s_resources", new JsonObject { ["kind"] = "Node" });
        var deploymentResult = await served.InvokeAsync("list_k8s_resources", new JsonObject { ["kind"] = "Deployment", ["apiVersion"] = "apps/v1", ["namespace"] = "shop" });

        Assert.Equal(ToolOutcome.Success, nodeResult.Outcome);
        Assert.Equal(nodes, (int)nodeResult.Content["count"]!);
        Assert.All(nodeResult.Content["items"]!.AsArray(), i => Assert.StartsWith("Ready", (string?)i!["status"] ?? string.Empty, StringComparison.Ordinal));
        Assert.Equal(ToolOutcome.Success, deploymentResult.Outcome);
        Assert.Equal(deployments, (int)deploymentResult.Content["count"]!);
    }

    [Fact]
    public async Task A_missing_object_and_an_unknown_kind_fail_with_what_is_wrong()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var missing = await served.InvokeAsync("get_k8s_resource", new JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "no-such-deployment" });
        var unknown = await served.InvokeAsync("list_k8s_resources", new JsonObject { ["kind"] = "Widget", ["namespace"] = "shop" });

        Assert.Equal(ToolOutcome.Failed, missing.Outcome);
        Assert.Equal("not_found", missing.ErrorCode);
        Assert.Contains("no-such-deployment", (string)missing.Content["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(ToolOutcome.Failed, unknown.Outcome);
        Assert.Equal("unknown_kind", unknown.ErrorCode);
    }

    private static string Owner(JsonObject obj) =>
        (string)obj["metadata"]!["ownerReferences"]!.AsArray().Single(o => (bool?)o!["controller"] == true)!["name"]!;
}
