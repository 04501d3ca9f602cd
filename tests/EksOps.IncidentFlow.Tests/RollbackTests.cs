using System.Text.Json.Nodes;
using EksOps.IncidentFlow.Remediation;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Tests;

/// <summary><c>rollback</c>: the inverse patch built at plan time restores the previous spec, once; runbooks that cannot be undone say why.</summary>
public class RollbackTests
{
    [Fact]
    public async Task Rolling_back_a_raised_hpa_maximum_restores_the_previous_spec_once()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        var before = await served.ReadAsync("HorizontalPodAutoscaler", "web", "web-frontend");
        await served.PlanAsync(flow);
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());

        var first = await flow.Remediate.HandleAsync(served.Payload(StepNames.Rollback), ServedFlow.Context());
        var second = await flow.Remediate.HandleAsync(served.Payload(StepNames.Rollback), ServedFlow.Context());

        Assert.True((bool)first["rolledBack"]!);
        Assert.True(JsonNode.DeepEquals(first, second));
        Assert.Equal(2, served.RealWrites.Count);
        Assert.Equal("""{"spec":{"maxReplicas":6}}""", served.RealWrites[1].Body);
        var after = await served.ReadAsync("HorizontalPodAutoscaler", "web", "web-frontend");
        Assert.True(JsonNode.DeepEquals(before["spec"], after["spec"]));
    }

    [Fact]
    public async Task Rolling_back_a_deployment_rollback_rolls_forward_to_the_template_it_had()
    {
        await using var served = await ServedFlow.StartAsync("docs-portal-restarts-dev");
        var flow = served.Services();
        var before = await served.ReadAsync("Deployment", "docs", "docs-portal");
        await served.PlanAsync(flow);
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());

        var rolledBack = await flow.Remediate.HandleAsync(served.Payload(StepNames.Rollback), ServedFlow.Context());

        Assert.True((bool)rolledBack["rolledBack"]!);
        Assert.Equal("roll forward to the pod template the Deployment had before the rollback", (string?)rolledBack["reason"]);
        var after = await served.ReadAsync("Deployment", "docs", "docs-portal");
        Assert.True(JsonNode.DeepEquals(before["spec"], after["spec"]));
        Assert.Equal(2, served.RealWrites.Count);
    }

    [Fact]
    public async Task In_production_the_rollback_itself_needs_an_approval_so_it_is_not_applied_and_the_inverse_is_reported()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await served.ApproveAsync();
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());

        var rollback = await flow.Remediate.HandleAsync(served.Payload(StepNames.Rollback), ServedFlow.Context());

        Assert.False((bool)rollback["rolledBack"]!);
        Assert.Contains("requires a human's approval for the rollback itself", (string?)rollback["reason"], StringComparison.Ordinal);
        Assert.Single(served.RealWrites);
        var entry = await served.EntryAsync(TimelineKeys.Rollback);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"strategicMergePatch":{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"512Mi"}}}]}}}}}"""),
            entry["patch"]));
    }

    [Fact]
    public async Task Nothing_applied_means_nothing_to_roll_back()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");

        var rollback = await served.Services().Remediate.HandleAsync(served.Payload(StepNames.Rollback), ServedFlow.Context());

        Assert.False((bool)rollback["rolledBack"]!);
        Assert.Equal("no change was applied, so there is nothing to roll back", (string?)rollback["reason"]);
        Assert.Empty(served.RealWrites);
    }

    [Theory]
    [InlineData(RunbookId.RestartRollout, "a rollout restart cannot be undone")]
    [InlineData(RunbookId.DeletePod, "a deleted pod cannot be brought back")]
    [InlineData(RunbookId.DrainNode, "a drain cannot be undone")]
    public void Restarts_deletions_and_drains_have_no_inverse(RunbookId runbook, string reason)
    {
        var change = Change(runbook, """{"strategicMergePatch":{"spec":{"unschedulable":true}}}""");

        var (patch, why) = InversePatch.Of(change, JsonNode.Parse("""{"spec":{}}""")!.AsObject());

        Assert.Null(patch);
        Assert.StartsWith(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_the_change_added_is_removed_by_the_inverse_and_a_changed_container_field_gets_its_old_value()
    {
        var cordon = Change(RunbookId.CordonNode, """{"strategicMergePatch":{"spec":{"unschedulable":true}}}""");
        var limit = Change(RunbookId.IncreaseMemoryLimit, """{"strategicMergePatch":{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"768Mi"}}}]}}}}}""");
        var deployment = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"side","resources":{"limits":{"memory":"64Mi"}}},{"name":"app","resources":{"limits":{"memory":"512Mi","cpu":"1"}}}]}}}}""")!.AsObject();

        var (uncordon, _) = InversePatch.Of(cordon, JsonNode.Parse("""{"spec":{"podCIDR":"10.0.0.0/24"}}""")!.AsObject());
        var (lower, _) = InversePatch.Of(limit, deployment);

        Assert.Equal("""{"strategicMergePatch":{"spec":{"unschedulable":null}}}""", uncordon!.ToJsonString());
        Assert.Equal("""{"strategicMergePatch":{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"512Mi"}}}]}}}}}""", lower!.ToJsonString());
    }

    private static ProposedChange Change(RunbookId runbook, string patch) => new()
    {
        Cluster = "c",
        Namespace = "ns",
        Target = "Deployment/x",
        Runbook = runbook,
        Effect = RunbookEffect.Write,
        Patch = JsonNode.Parse(patch)!.AsObject(),
        Summary = "test",
    };
}
