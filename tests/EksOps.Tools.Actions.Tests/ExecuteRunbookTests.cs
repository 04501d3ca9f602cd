using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Lambda.Testing;
using EksOps.Tools.Readers;

namespace EksOps.Tools.Actions.Tests;

/// <summary><c>execute_runbook</c> through the registry: dry runs, approvals, determinism, drains, deletes and apply-once.</summary>
public class ExecuteRunbookTests
{
    private static readonly JsonObject Checkout = new() { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" };

    [Fact]
    public async Task A_dry_run_changes_nothing_even_where_no_approval_is_needed_and_reports_the_exact_patch()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod", ClusterEnvironment.Development);
        var objectsBefore = served.Cluster.Objects;

        var result = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 5 });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("dry-run", (string?)result.Content["status"]);
        Assert.Equal("allow", (string?)result.Content["policy"]!["verdict"]);
        var patch = result.Content["change"]!["patch"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"strategicMergePatch":{"spec":{"replicas":5}}}"""), patch));
        Assert.Equal(CanonicalJson.Sha256(patch), (string?)result.Content["change"]!["patchHash"]);
        Assert.Equal("scale Deployment shop/checkout from 3 to 5 replicas", (string?)result.Content["change"]!["summary"]);
        var change = Assert.Single(result.Content["preview"]!["changes"]!.AsArray())!;
        Assert.Equal(("spec.replicas", 3L, 5L), ((string?)change["field"], (long)change["before"]!, (long)change["after"]!));
        Assert.Equal("PATCH /apis/apps/v1/namespaces/shop/deployments/checkout?dryRun=All", (string?)result.Content["preview"]!["request"]);
        var write = Assert.Single(served.Writes);
        Assert.True(write.DryRun);
        Assert.Empty(served.RealWrites);
        Assert.Equal(objectsBefore.Count, served.Cluster.Objects.Count);
        Assert.All(objectsBefore.Zip(served.Cluster.Objects), pair => Assert.True(JsonNode.DeepEquals(pair.First, pair.Second)));
    }

    [Fact]
    public async Task In_production_without_an_approval_nothing_changes_and_the_result_says_why()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");
        var before = served.Find("apps/v1", "Deployment", "shop", "checkout");

        var result = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 5 }, dryRun: false);

        Assert.Equal(ToolOutcome.ApprovalRequired, result.Outcome);
        Assert.Equal("approval-required", (string?)result.Content["status"]);
        Assert.Equal("needs-approval", (string?)result.Content["policy"]!["verdict"]);
        Assert.Contains("production is read-only without an approval", (string?)result.Content["policy"]!["reason"], StringComparison.Ordinal);
        Assert.Contains((string)result.Content["change"]!["patchHash"]!, (string?)result.Content["policy"]!["reason"], StringComparison.Ordinal);
        Assert.Empty(served.RealWrites);
        Assert.True(JsonNode.DeepEquals(before, served.Find("apps/v1", "Deployment", "shop", "checkout")));
    }

    [Fact]
    public async Task A_token_for_another_change_is_refused_and_nothing_changes()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");
        var toFive = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 5 }, dryRun: false);

        var toFour = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 4 }, dryRun: false, approvalToken: ServedCluster.Approve(toFive));

        Assert.Equal(ToolOutcome.PolicyDenied, toFour.Outcome);
        Assert.Equal("denied", (string?)toFour.Content["status"]);
        Assert.Equal("approval-refused", (string?)toFour.Content["policy"]!["rule"]);
        Assert.Contains("approves a different change", (string?)toFour.Content["policy"]!["reason"], StringComparison.Ordinal);
        Assert.Empty(served.RealWrites);
        Assert.Equal(3L, (long)served.Find("apps/v1", "Deployment", "shop", "checkout")!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task An_approved_change_is_applied_once_and_presenting_its_token_again_applies_nothing()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");
        var planned = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 5 }, dryRun: false);
        string token = ServedCluster.Approve(planned);

        var first = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 5 }, dryRun: false, approvalToken: token);
        var again = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 5 }, dryRun: false, approvalToken: token);

        Assert.Equal("applied", (string?)first.Content["status"]);
        Assert.Equal(ToolOutcome.Failed, again.Outcome);
        Assert.Equal("no_change", again.ErrorCode);
        Assert.Contains("already has 5 replicas", (string?)again.Content["error"]!["message"], StringComparison.Ordinal);
        var write = Assert.Single(served.RealWrites);
        Assert.Equal("""{"spec":{"replicas":5}}""", write.Body);
        Assert.Equal(5L, (long)served.Find("apps/v1", "Deployment", "shop", "checkout")!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task A_restart_planned_twice_has_one_patch_hash_and_a_new_one_once_it_was_applied()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");

        var first = await served.RunbookAsync("restart-rollout", Checkout.DeepClone().AsObject(), dryRun: false);
        var second = await served.RunbookAsync("restart-rollout", Checkout.DeepClone().AsObject(), dryRun: false);
        string token = ServedCluster.Approve(first);
        var applied = await served.RunbookAsync("restart-rollout", Checkout.DeepClone().AsObject(), dryRun: false, approvalToken: token);
        var afterwards = await served.RunbookAsync("restart-rollout", Checkout.DeepClone().AsObject(), dryRun: false, approvalToken: token);

        string hash = (string)first.Content["change"]!["patchHash"]!;
        Assert.Equal(hash, (string?)second.Content["change"]!["patchHash"]);
        string value = (string)first.Content["change"]!["patch"]!["strategicMergePatch"]!["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]!;
        Assert.Matches("^eksops-[0-9a-f]{16}$", value);
        Assert.Equal("applied", (string?)applied.Content["status"]);
        Assert.Equal(ToolOutcome.PolicyDenied, afterwards.Outcome);
        Assert.NotEqual(hash, (string?)afterwards.Content["change"]!["patchHash"]);
        Assert.Single(served.RealWrites);
        Assert.Equal(value, (string?)served.Find("apps/v1", "Deployment", "shop", "checkout")!["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
    }

    [Fact]
    public async Task Escalate_changes_nothing_and_needs_no_approval_in_production()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");

        var result = await served.RunbookAsync("escalate", Checkout.DeepClone().AsObject(), new JsonObject { ["reason"] = "dependency down" }, dryRun: false);

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("applied", (string?)result.Content["status"]);
        Assert.Equal("no-action", (string?)result.Content["change"]!["effect"]);
        Assert.Equal("no-cluster-change", (string?)result.Content["policy"]!["rule"]);
        Assert.Equal(new JsonObject(), result.Content["change"]!["patch"], JsonNode.DeepEquals);
        Assert.False((bool)result.Content["result"]!["changed"]!);
        Assert.Empty(served.Writes);
    }

    [Fact]
    public async Task Draining_a_node_cordons_it_and_evicts_each_pod_but_DaemonSet_pods_once_approved()
    {
        const string node = "ip-10-20-70-158.ec2.internal";
        await using var served = await ServedCluster.StartAsync("node-disk-usage-prod");
        var target = new JsonObject { ["kind"] = "Node", ["name"] = node };
        string[] evicted = ["accounts/accounts-api-79f46b76b8-cfdw2", "internal/feature-flags-65fd964c7d-b2vv7", "ledger/ledger-writer-8674fc8d76-jxzc5", "ledger/ledger-writer-8674fc8d76-wj4gk"];

        var planned = await served.RunbookAsync("drain-node", target.DeepClone().AsObject(), dryRun: false);

        Assert.Equal(ToolOutcome.ApprovalRequired, planned.Outcome);
        var patch = planned.Content["change"]!["patch"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"spec":{"unschedulable":true}}"""), patch["strategicMergePatch"]));
        Assert.Equal(evicted, patch["evictions"]!.AsArray().Select(e => (string)e!["namespace"]! + "/" + (string)e["name"]!));
        Assert.All(patch["evictions"]!.AsArray(), e => Assert.Equal(
            (string?)served.Find("v1", "Pod", (string)e!["namespace"]!, (string)e["name"]!)!["metadata"]!["uid"], (string?)e["uid"]));
        Assert.All(served.Writes, w => Assert.True(w.DryRun));
        Assert.Equal(1 + evicted.Length, served.Writes.Count);

        var applied = await served.RunbookAsync("drain-node", target.DeepClone().AsObject(), dryRun: false, approvalToken: ServedCluster.Approve(planned));

        Assert.Equal("applied", (string?)applied.Content["status"]);
        Assert.True((bool)applied.Content["result"]!["complete"]!);
        Assert.Equal(["PATCH", "POST", "POST", "POST", "POST"], served.RealWrites.Select(w => w.Verb));
        Assert.Equal(evicted, served.RealWrites.Skip(1).Select(w => w.Namespace + "/" + w.Name));
        Assert.All(served.RealWrites.Skip(1), w => Assert.Equal("eviction", w.Subresource));
        Assert.True((bool)served.Find("v1", "Node", null, node)!["spec"]!["unschedulable"]!);
        Assert.All(evicted, pod => Assert.Null(served.Find("v1", "Pod", pod.Split('/')[0], pod.Split('/')[1])));
        Assert.NotNull(served.Find("v1", "Pod", "kube-system", "aws-node-xrpzv"));
        Assert.Equal(["amazon-cloudwatch/cloudwatch-agent-ldrq9", "kube-system/aws-node-xrpzv", "kube-system/kube-proxy-ddgh5"], planned.Content["preview"]!["skipped"]!.AsArray().Select(s => (string?)s!["pod"]));
    }

    [Fact]
    public async Task A_drain_leaves_pods_already_terminating_on_an_unreachable_node_to_their_controllers()
    {
        await using var served = await ServedCluster.StartAsync("failed-nodes-prod-apne2");

        var result = await served.RunbookAsync("drain-node", new JsonObject { ["kind"] = "Node", ["name"] = "ip-10-0-54-28.ap-northeast-2.compute.internal" });

        Assert.Equal("dry-run", (string?)result.Content["status"]);
        Assert.Empty(result.Content["change"]!["patch"]!["evictions"]!.AsArray());
        Assert.Equal(3, result.Content["preview"]!["skipped"]!.AsArray().Count(s => (string?)s!["reason"] == "already terminating"));
        Assert.Empty(served.RealWrites);
    }

    [Fact]
    public async Task A_drain_that_would_lose_emptyDir_data_is_refused_unless_asked_for()
    {
        var target = new JsonObject { ["kind"] = "Node", ["name"] = "ip-10-40-69-245.eu-west-1.compute.internal" };
        await using var served = await ServedCluster.StartAsync("kafka-pending-staging");

        var refused = await served.RunbookAsync("drain-node", target.DeepClone().AsObject());
        var allowed = await served.RunbookAsync("drain-node", target.DeepClone().AsObject(), new JsonObject { ["deleteEmptyDirData"] = true });

        Assert.Equal("drain_blocked", refused.ErrorCode);
        Assert.Contains("kube-system/ebs-csi-controller-597548d44d-t5n7p", (string?)refused.Content["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal("dry-run", (string?)allowed.Content["status"]);
        Assert.Contains(allowed.Content["change"]!["patch"]!["evictions"]!.AsArray(), e => (string?)e!["name"] == "ebs-csi-controller-597548d44d-t5n7p");
        Assert.Empty(served.RealWrites);
    }

    [Fact]
    public async Task Deleting_a_pod_deletes_exactly_that_instance_by_uid_once_approved()
    {
        const string pod = "checkout-6d6584985-fxfnn";
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");
        string uid = (string)served.Find("v1", "Pod", "shop", pod)!["metadata"]!["uid"]!;
        var target = new JsonObject { ["kind"] = "Pod", ["namespace"] = "shop", ["name"] = pod };

        var planned = await served.RunbookAsync("delete-pod", target.DeepClone().AsObject(), dryRun: false);
        var applied = await served.RunbookAsync("delete-pod", target.DeepClone().AsObject(), dryRun: false, approvalToken: ServedCluster.Approve(planned));

        Assert.True(JsonNode.DeepEquals(new JsonObject { ["delete"] = new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = uid } } }, planned.Content["change"]!["patch"]));
        Assert.Equal("ReplicaSet/checkout-6d6584985", (string?)planned.Content["preview"]!["owner"]);
        Assert.Equal("applied", (string?)applied.Content["status"]);
        var delete = Assert.Single(served.RealWrites);
        Assert.Equal("DELETE", delete.Verb);
        Assert.Equal(uid, (string?)JsonNode.Parse(delete.Body)!["preconditions"]!["uid"]);
        Assert.Null(served.Find("v1", "Pod", "shop", pod));
    }

    [Fact]
    public async Task A_plan_is_not_applied_when_the_target_changed_after_it_nor_twice()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod", ClusterEnvironment.Development);
        using var clients = new KubeconfigClientFactory();
        var tool = new ExecuteRunbookTool(clients);
        var cluster = served.Registry.Clusters.Clusters[0];
        var context = ToolContext.ForTesting(ToolCatalog.ExecuteRunbook, cluster, new ToolInvocationContext
        {
            Caller = new ToolCaller("tests", ToolFace.Internal),
            Logger = new TestLambdaLogger(),
            Metrics = new TestMetrics(),
            CancellationToken = TestContext.Current.CancellationToken,
        });
        var memory = ToolArguments.Bind(ToolCatalog.ExecuteRunbook, new JsonObject { ["runbook"] = "increase-memory-limit", ["target"] = Checkout.DeepClone(), ["dryRun"] = false });
        var stale = await tool.PlanAsync(memory, context);
        var scaled = await served.RunbookAsync("scale-deployment", Checkout.DeepClone().AsObject(), new JsonObject { ["replicas"] = 4 }, dryRun: false);
        Assert.Equal("applied", (string?)scaled.Content["status"]);

        var conflict = await Assert.ThrowsAsync<ToolException>(async () => await tool.ApplyAsync(memory, stale, context));
        var fresh = await tool.PlanAsync(memory, context);
        await tool.ApplyAsync(memory, fresh, context);
        var twice = await Assert.ThrowsAsync<ToolException>(async () => await tool.ApplyAsync(memory, fresh, context));

        Assert.Equal("conflict", conflict.Code);
        Assert.Contains("generation 9 → 10", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("already_applied", twice.Code);
        Assert.Equal(["""{"spec":{"replicas":4}}""", """{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"768Mi"}}}]}}}}"""], served.RealWrites.Select(w => w.Body));
    }
}
