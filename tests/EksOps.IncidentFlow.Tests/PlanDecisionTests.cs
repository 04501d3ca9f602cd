using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Tests;

/// <summary>The plan's decision rules: policy verdicts, the deployment's switches, the confidence floor, and idempotence.</summary>
public class PlanDecisionTests
{
    [Fact]
    public async Task With_writes_disabled_the_plan_still_dry_runs_but_escalates_with_the_policys_reason()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging", policy: new ToolPolicyOptions { WritesEnabled = false, Approvals = ServedFlow.Approvals });

        var plan = await served.PlanAsync(served.Services());

        Assert.Equal(PlanDecisions.Escalate, (string?)plan["decision"]);
        Assert.Contains("EKSOPS_WRITES_ENABLED=false", (string?)plan["reason"], StringComparison.Ordinal);
        Assert.NotNull(plan["patchHash"]);
        Assert.True(Assert.Single(served.Environment.Kubernetes.Writes).DryRun);
        Assert.Equal("deny", (string?)(await served.EntryAsync(TimelineKeys.Plan))["policy"]!["verdict"]);
    }

    [Fact]
    public async Task Approval_for_all_writes_makes_a_development_change_wait_for_a_human()
    {
        await using var served = await ServedFlow.StartAsync("docs-portal-restarts-dev", policy: new ToolPolicyOptions { RequireApprovalForAllWrites = true, Approvals = ServedFlow.Approvals });

        var plan = await served.PlanAsync(served.Services());

        Assert.Equal(PlanDecisions.Approve, (string?)plan["decision"]);
        Assert.Contains("this deployment requires approval for every write", (string?)plan["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_that_needs_approval_escalates_when_the_deployment_has_no_approval_key()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod", policy: new ToolPolicyOptions());

        var plan = await served.PlanAsync(served.Services());

        Assert.Equal(PlanDecisions.Escalate, (string?)plan["decision"]);
        Assert.Contains("no approval key (EKSOPS_APPROVAL_SECRET)", (string?)plan["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confidence_below_the_floor_escalates_without_planning_a_change()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");

        var plan = await served.PlanAsync(served.Services(options: new IncidentFlowOptions { MinConfidenceToAct = 0.99 }));

        Assert.Equal(PlanDecisions.Escalate, (string?)plan["decision"]);
        Assert.Matches("^the analysis confidence 0\\.\\d\\d is below EKSOPS_MIN_CONFIDENCE_TO_ACT 0\\.99; not acting on it$", (string?)plan["reason"]);
        Assert.Null(plan["patchHash"]);
        Assert.Empty(served.Environment.Kubernetes.Writes);
    }

    [Fact]
    public async Task A_proposal_of_escalate_is_escalated_with_the_analysis_rationale()
    {
        await using var served = await ServedFlow.StartAsync("payments-5xx-prod");

        var plan = await served.PlanAsync(served.Services());

        Assert.Equal(PlanDecisions.Escalate, (string?)plan["decision"]);
        Assert.StartsWith("the analysis proposes escalate: ", (string?)plan["reason"], StringComparison.Ordinal);
        Assert.Empty(served.Environment.Kubernetes.Writes);
    }

    [Fact]
    public async Task A_retried_plan_returns_the_stored_plan_without_planning_again()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();

        var first = await served.PlanAsync(flow);
        var second = await flow.Remediate.HandleAsync(served.Payload(StepNames.Plan), ServedFlow.Context());

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Single(served.Environment.Kubernetes.Writes, w => w.DryRun);
    }

    [Fact]
    public async Task A_restart_is_planned_with_the_incidents_opening_time_so_that_its_patch_does_not_depend_on_when_it_is_planned()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod", ClusterEnvironment.Development);
        await SeedAnalysisAsync(served, "restart-rollout");

        var plan = await served.Services().Remediate.HandleAsync(served.Payload(StepNames.Plan), ServedFlow.Context());

        Assert.Equal(PlanDecisions.Auto, (string?)plan["decision"]);
        var entry = await served.EntryAsync(TimelineKeys.Plan);
        var patch = entry["change"]!["patch"]!;
        string opened = served.Scenario.Alarm.StateChange.State.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(opened, (string?)patch["strategicMergePatch"]!["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.False((bool)entry["rollback"]!["possible"]!);
        Assert.StartsWith("a rollout restart cannot be undone", (string?)entry["rollback"]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scale_up_adds_half_the_current_replicas()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod", ClusterEnvironment.Development);
        await SeedAnalysisAsync(served, "scale-deployment");

        var plan = await served.Services().Remediate.HandleAsync(served.Payload(StepNames.Plan), ServedFlow.Context());

        Assert.Equal(PlanDecisions.Auto, (string?)plan["decision"]);
        Assert.Equal("scale Deployment shop/checkout from 3 to 5 replicas", (string?)plan["summary"]);
    }

    /// <summary>An analysis entry as <c>analyze</c> writes it, proposing <paramref name="runbook"/> on the checkout Deployment.</summary>
    private static async Task SeedAnalysisAsync(ServedFlow served, string runbook) =>
        await served.Store.AppendAsync(served.IncidentId, new EksOps.IncidentStore.TimelineEntry
        {
            Key = TimelineKeys.Analysis,
            Kind = EksOps.IncidentStore.TimelineKind.Decision,
            At = served.Clock.GetUtcNow(),
            Summary = "seeded analysis",
            Data = new System.Text.Json.Nodes.JsonObject
            {
                ["rootCause"] = "app-crash",
                ["confidence"] = 0.9,
                ["subject"] = new System.Text.Json.Nodes.JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
                ["cluster"] = served.Cluster.Name,
                ["runbook"] = runbook,
                ["target"] = new System.Text.Json.Nodes.JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
            },
        }, TestContext.Current.CancellationToken);
}
