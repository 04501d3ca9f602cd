using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Tests;

/// <summary>A production scenario: the plan needs a human; apply refuses without the approval and applies once with it.</summary>
public class ApprovalTests
{
    [Fact]
    public async Task In_production_the_plan_asks_for_approval_and_keeps_the_unredacted_change_the_token_binds_to()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();

        var plan = await served.PlanAsync(flow);

        Assert.Equal(PlanDecisions.Approve, (string?)plan["decision"]);
        Assert.Equal("increase-memory-limit", (string?)plan["runbook"]);
        Assert.Contains("production is read-only without an approval", (string?)plan["reason"], StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.AwaitingApproval, (await served.RecordAsync()).Status);
        var entry = await served.EntryAsync(TimelineKeys.Plan);
        var change = ProposedChange.FromJson(entry["change"]!.AsObject());
        Assert.Equal((string?)plan["patchHash"], change.PatchHash);
        Assert.Equal("Deployment/checkout", change.Target);
        Assert.True((bool)entry["dryRun"]!["accepted"]!);
        Assert.Equal("PATCH /apis/apps/v1/namespaces/shop/deployments/checkout?dryRun=All", (string?)entry["dryRun"]!["request"]);
        Assert.All(served.Environment.Kubernetes.Writes, w => Assert.True(w.DryRun));
    }

    [Fact]
    public async Task Apply_without_an_approval_is_refused_and_changes_nothing_then_with_the_approval_it_applies_once()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        var before = await served.ReadAsync("Deployment", "shop", "checkout");

        var refused = await Assert.ThrowsAsync<RemediationRefusedException>(() => flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));

        Assert.Equal("approval_missing", refused.Code);
        Assert.Empty(served.RealWrites);
        Assert.True(JsonNode.DeepEquals(before, await served.ReadAsync("Deployment", "shop", "checkout")));
        Assert.Empty(served.Events.OfType(IncidentEventTypes.RemediationApplied));

        await served.ApproveAsync();
        var first = await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        var second = await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());

        Assert.True((bool)first["applied"]!);
        Assert.False((bool)first["alreadyApplied"]!);
        Assert.True((bool)second["alreadyApplied"]!);
        Assert.Equal((string?)first["eventId"], (string?)second["eventId"]);
        var write = Assert.Single(served.RealWrites);
        Assert.Equal("""{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"768Mi"}}}]}}}}""", write.Body);
        var after = await served.ReadAsync("Deployment", "shop", "checkout");
        Assert.Equal("768Mi", (string?)after["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]);
        var published = Assert.Single(served.Events.OfType(IncidentEventTypes.RemediationApplied));
        Assert.Equal("arn:aws:iam::123456789012:user/oncall", (string?)published.Event.Detail["approvedBy"]);
        var recorded = await served.EntryAsync(TimelineKeys.Change);
        Assert.Equal("512Mi", (string?)recorded["changes"]![0]!["before"]);
        Assert.Equal("768Mi", (string?)recorded["changes"]![0]!["after"]);
        Assert.Equal(published.EventId, (string?)recorded["eventId"]);
    }

    [Fact]
    public async Task A_denied_approval_refuses_the_apply_and_nothing_changes()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await served.Store.AppendAsync(served.IncidentId, new TimelineEntry
        {
            Key = TimelineKeys.Approval,
            Kind = TimelineKind.Approval,
            At = served.Clock.GetUtcNow(),
            Summary = "denied",
            Data = new JsonObject { ["approved"] = false, ["approver"] = "oncall", ["reason"] = "not during the sale" },
        }, TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<RemediationRefusedException>(() => flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));

        Assert.Equal("approval_denied", refused.Code);
        Assert.Contains("not during the sale", refused.Message, StringComparison.Ordinal);
        Assert.Empty(served.RealWrites);
    }

    [Fact]
    public async Task A_token_for_another_change_is_refused_by_the_policy_before_the_apply_is_claimed()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        var planned = ProposedChange.FromJson((await served.EntryAsync(TimelineKeys.Plan))["change"]!.AsObject());
        var other = planned with { Patch = JsonNode.Parse("""{"strategicMergePatch":{"spec":{"replicas":5}}}""")!.AsObject() };
        await served.Store.AppendAsync(served.IncidentId, new TimelineEntry
        {
            Key = TimelineKeys.Approval,
            Kind = TimelineKind.Approval,
            At = served.Clock.GetUtcNow(),
            Summary = "approved something else",
            Data = new JsonObject { ["approved"] = true, ["approver"] = "oncall", ["approvalToken"] = ServedFlow.Approvals.Issue(other, "oncall", TimeSpan.FromMinutes(5)) },
        }, TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<RemediationRefusedException>(() => flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));

        Assert.Equal("approval-refused", refused.Code);
        Assert.Contains("approves a different change", refused.Message, StringComparison.Ordinal);
        Assert.Empty(served.RealWrites);

        // Refused before the once-only claim: the change stays applicable with a valid approval.
        var claim = await served.Store.ClaimAsync(served.IncidentId, "apply:" + planned.PatchHash, TestContext.Current.CancellationToken);
        Assert.Equal(StepClaimState.Claimed, claim.State);
    }
}
