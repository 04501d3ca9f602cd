using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Tools.Actions.Tests;

/// <summary>
/// Every patching runbook of the catalogue, through the registry in a production cluster: without approval nothing
/// changes; with a token bound to the plan the exact patch is applied once, with the right Content-Type, and the
/// stored object differs from before only by the runbook's change.
/// </summary>
public class RunbookPatchTests
{
    private const string Restarted = "kubectl.kubernetes.io/restartedAt";
    private const string CheckoutNode = "ip-10-0-10-81.ap-northeast-2.compute.internal";

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["restart-deployment"] = new(
            "checkout-restarts-prod", "restart-rollout", Target("Deployment", "shop", "checkout"), new JsonObject { ["restartedAt"] = "2026-11-20T10:02:00Z" },
            _ => Merge("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T10:02:00Z"}}}}}"""),
            (_, o) => Annotations(o)[Restarted] = "2026-11-20T10:02:00Z"),
        ["restart-statefulset"] = new(
            "kafka-pending-staging", "restart-rollout", Target("StatefulSet", "streaming", "kafka"), new JsonObject { ["restartedAt"] = "2026-11-21T08:00:00+09:00" },
            _ => Merge("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T23:00:00Z"}}}}}"""),
            (_, o) => Annotations(o)[Restarted] = "2026-11-20T23:00:00Z"),
        ["restart-daemonset"] = new(
            "checkout-restarts-prod", "restart-rollout", Target("DaemonSet", "kube-system", "aws-node"), new JsonObject { ["restartedAt"] = "2026-11-20T10:02:00Z" },
            _ => Merge("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T10:02:00Z"}}}}}"""),
            (_, o) => Annotations(o)[Restarted] = "2026-11-20T10:02:00Z"),
        ["rollback-deployment"] = new(
            "checkout-restarts-prod", "rollback-deployment", Target("Deployment", "shop", "checkout"), null,
            served => new JsonObject { ["jsonPatch"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = PreviousTemplate(served) }) },
            (served, o) => o["spec"]!["template"] = PreviousTemplate(served)),
        ["scale-deployment"] = new(
            "checkout-restarts-prod", "scale-deployment", Target("Deployment", "shop", "checkout"), new JsonObject { ["replicas"] = 5 },
            _ => Merge("""{"spec":{"replicas":5}}"""),
            (_, o) => o["spec"]!["replicas"] = 5),
        ["scale-statefulset"] = new(
            "kafka-pending-staging", "scale-deployment", Target("StatefulSet", "streaming", "kafka"), new JsonObject { ["replicas"] = 6 },
            _ => Merge("""{"spec":{"replicas":6}}"""),
            (_, o) => o["spec"]!["replicas"] = 6),
        ["increase-memory-limit-default-step"] = new(
            "checkout-restarts-prod", "increase-memory-limit", Target("Deployment", "shop", "checkout"), null,
            _ => Merge("""{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"768Mi"}}}]}}}}"""),
            (_, o) => Container(o, "app")["resources"]!["limits"]!["memory"] = "768Mi"),
        ["increase-memory-limit-guaranteed"] = new(
            "cart-memory-staging", "increase-memory-limit", Target("Deployment", "shop", "cart", "cart"), new JsonObject { ["memoryLimit"] = "1536Mi" },
            _ => Merge("""{"spec":{"template":{"spec":{"containers":[{"name":"cart","resources":{"limits":{"memory":"1536Mi"},"requests":{"memory":"1536Mi"}}}]}}}}"""),
            (_, o) =>
            {
                Container(o, "cart")["resources"]!["limits"]!["memory"] = "1536Mi";
                Container(o, "cart")["resources"]!["requests"]!["memory"] = "1536Mi";
            }),
        ["increase-cpu-limit-default-step"] = new(
            "checkout-restarts-prod", "increase-cpu-limit", Target("Deployment", "shop", "checkout"), new JsonObject { ["container"] = "app" },
            _ => Merge("""{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"cpu":"1500m"}}}]}}}}"""),
            (_, o) => Container(o, "app")["resources"]!["limits"]!["cpu"] = "1500m"),
        ["raise-hpa-max"] = new(
            "web-frontend-latency-staging", "raise-hpa-max", Target("HorizontalPodAutoscaler", "web", "web-frontend"), null,
            _ => Merge("""{"spec":{"maxReplicas":9}}"""),
            (_, o) => o["spec"]!["maxReplicas"] = 9),
        ["cordon-node"] = new(
            "checkout-restarts-prod", "cordon-node", new JsonObject { ["kind"] = "Node", ["name"] = CheckoutNode }, null,
            _ => Merge("""{"spec":{"unschedulable":true}}"""),
            (_, o) => o["spec"]!["unschedulable"] = true),
    };

    [Theory]
    [InlineData("restart-deployment")]
    [InlineData("restart-statefulset")]
    [InlineData("restart-daemonset")]
    [InlineData("rollback-deployment")]
    [InlineData("scale-deployment")]
    [InlineData("scale-statefulset")]
    [InlineData("increase-memory-limit-default-step")]
    [InlineData("increase-memory-limit-guaranteed")]
    [InlineData("increase-cpu-limit-default-step")]
    [InlineData("raise-hpa-max")]
    [InlineData("cordon-node")]
    public async Task A_runbook_patch_is_the_catalogue_change_and_applies_once_with_an_approval(string name)
    {
        var c = Cases[name];
        await using var served = await ServedCluster.StartAsync(c.Scenario, ClusterEnvironment.Production);
        var expected = c.Patch(served);

        var planned = await served.RunbookAsync(c.Runbook, c.Target.DeepClone().AsObject(), c.Parameters?.DeepClone().AsObject(), dryRun: false);

        Assert.Equal(ToolOutcome.ApprovalRequired, planned.Outcome);
        Assert.Equal("approval-required", (string?)planned.Content["status"]);
        Assert.True(JsonNode.DeepEquals(expected, planned.Content["change"]!["patch"]), $"patch was {planned.Content["change"]!["patch"]!.ToJsonString()}");
        var dryRun = Assert.Single(served.Writes);
        Assert.True(dryRun.DryRun);
        Assert.Equal("dryRun=All", dryRun.Query);
        AssertSentPatch(expected, dryRun);
        Assert.Empty(served.RealWrites);

        var applied = await served.RunbookAsync(c.Runbook, c.Target.DeepClone().AsObject(), c.Parameters?.DeepClone().AsObject(), dryRun: false, approvalToken: ServedCluster.Approve(planned));

        Assert.Equal(ToolOutcome.Success, applied.Outcome);
        Assert.Equal("applied", (string?)applied.Content["status"]);
        Assert.Equal("approved", (string?)applied.Content["policy"]!["rule"]);
        var write = Assert.Single(served.RealWrites);
        Assert.Equal("PATCH", write.Verb);
        Assert.Equal(string.Empty, write.Query);
        AssertSentPatch(expected, write);
        var wanted = write.Before!.DeepClone().AsObject();
        c.Edit(served, wanted);
        Assert.True(JsonNode.DeepEquals(WithoutVersions(wanted), WithoutVersions(write.After!)), $"the change was more than the runbook's: {write.After!.ToJsonString()}");
        var stored = served.Find((string)write.After!["apiVersion"]!, (string)write.After["kind"]!, write.Namespace, write.Name);
        Assert.True(JsonNode.DeepEquals(write.After, stored));
        Assert.Equal((long?)write.After["metadata"]!["generation"], (long?)applied.Content["result"]!["generation"]);
        Assert.All(applied.Content["result"]!["changes"]!.AsArray(), change => Assert.False(JsonNode.DeepEquals(change!["before"], change["after"])));
    }

    private static void AssertSentPatch(JsonObject expected, RecordedWrite write)
    {
        var (mediaType, body) = expected["jsonPatch"] is { } operations
            ? ("application/json-patch+json", operations)
            : ("application/strategic-merge-patch+json", expected["strategicMergePatch"]!);
        Assert.Equal(mediaType, write.PatchType);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(write.Body)), $"sent {write.Body}");
    }

    private static JsonObject WithoutVersions(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy["metadata"]!.AsObject().Remove("resourceVersion");
        copy["metadata"]!.AsObject().Remove("generation");
        return copy;
    }

    private static JsonObject Target(string kind, string ns, string name, string? container = null)
    {
        var target = new JsonObject { ["kind"] = kind, ["namespace"] = ns, ["name"] = name };
        if (container is not null)
        {
            target["container"] = container;
        }

        return target;
    }

    private static JsonObject Merge(string json) => new() { ["strategicMergePatch"] = JsonNode.Parse(json) };

    private static JsonObject Annotations(JsonObject workload)
    {
        var metadata = workload["spec"]!["template"]!["metadata"]!.AsObject();
        return (metadata["annotations"] ??= new JsonObject()).AsObject();
    }

    private static JsonObject Container(JsonObject workload, string name) =>
        workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["name"] == name);

    /// <summary>Revision 6's template (ReplicaSet checkout-576b89c946) without its pod-template-hash label, as rollout undo restores it.</summary>
    private static JsonObject PreviousTemplate(ServedCluster served)
    {
        var template = served.Find("apps/v1", "ReplicaSet", "shop", "checkout-576b89c946")!["spec"]!["template"]!.DeepClone().AsObject();
        template["metadata"]!["labels"]!.AsObject().Remove("pod-template-hash");
        return template;
    }

    private sealed record Case(string Scenario, string Runbook, JsonObject Target, JsonObject? Parameters, Func<ServedCluster, JsonObject> Patch, Action<ServedCluster, JsonObject> Edit);
}
