using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Tests;

/// <summary>A retried or concurrent <c>apply</c> writes its change once, also when an attempt died between writing and recording it.</summary>
public class ApplyOnceTests
{
    [Fact]
    public async Task Two_concurrent_applies_write_the_change_once_and_a_retry_of_the_one_that_waited_reports_it_applied()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        await served.PlanAsync(flow);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Attempt(flow, served)));
        var retried = await Task.WhenAll(attempts.Select(async a => a ?? await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context())));

        Assert.Single(served.RealWrites);
        Assert.All(retried, r => Assert.True((bool)r["applied"]!));
        Assert.Single(retried, r => !(bool)r["alreadyApplied"]!);
        Assert.Single(served.Events.OfType(IncidentEventTypes.RemediationApplied));
        Assert.Equal(9L, (long)(await served.ReadAsync("HorizontalPodAutoscaler", "web", "web-frontend"))["spec"]!["maxReplicas"]!);
    }

    [Fact]
    public async Task An_attempt_that_died_after_writing_but_before_recording_is_recognised_by_the_retry_which_does_not_write_again()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var crashing = new CrashingStore(served.Store, stepKeyPrefix: "apply:");
        await served.PlanAsync(served.Services());
        await served.ApproveAsync();

        await Assert.ThrowsAsync<IOException>(() => served.Services(store: crashing).Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));
        Assert.Single(served.RealWrites);
        Assert.Empty(served.Events.OfType(IncidentEventTypes.RemediationApplied));

        var retried = await served.Services().Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());

        Assert.True((bool)retried["applied"]!);
        Assert.True((bool)retried["alreadyApplied"]!);
        Assert.Single(served.RealWrites);
        var change = await served.EntryAsync(TimelineKeys.Change);
        Assert.True((bool)change["recovered"]!);
        Assert.Equal("768Mi", (string?)change["changes"]![0]!["after"]);
        Assert.Single(served.Events.OfType(IncidentEventTypes.RemediationApplied));
        Assert.Equal(IncidentStatus.Remediating, (await served.RecordAsync()).Status);
    }

    [Fact]
    public async Task A_claim_whose_holder_wrote_nothing_makes_the_retry_wait_and_nothing_is_written()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        var plan = await served.PlanAsync(flow);
        await served.Store.ClaimAsync(served.IncidentId, "apply:" + (string)plan["patchHash"]!, TestContext.Current.CancellationToken);

        var waiting = await Assert.ThrowsAsync<StepInProgressException>(() => flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));

        Assert.Contains("the target does not carry it: spec.maxReplicas is 6, not 9", waiting.Message, StringComparison.Ordinal);
        Assert.Empty(served.RealWrites);
        Assert.Empty(served.Events.Events);
        Assert.Null(await served.Store.FindEntryAsync(served.IncidentId, TimelineKeys.Change, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_change_the_api_server_refuses_after_the_claim_is_recorded_as_failed_and_a_retry_gives_the_same_refusal()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        await served.PlanAsync(flow);
        // Someone edits the HPA's spec between the plan and the apply: the plan's generation no longer holds.
        await served.PatchAsync("HorizontalPodAutoscaler", "web", "web-frontend", JsonNode.Parse("""{"spec":{"minReplicas":3}}""")!.AsObject());
        int writesBefore = served.RealWrites.Count;

        var refused = await Assert.ThrowsAsync<RemediationRefusedException>(() => flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));
        var again = await Assert.ThrowsAsync<RemediationRefusedException>(() => flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context()));

        Assert.Equal("conflict", refused.Code);
        Assert.Contains("changed after the plan", refused.Message, StringComparison.Ordinal);
        Assert.Equal("conflict", again.Code);
        Assert.Equal(writesBefore, served.RealWrites.Count);
        Assert.Empty(served.Events.Events);
    }

    private static async Task<JsonObject?> Attempt(IncidentFlowServices flow, ServedFlow served)
    {
        try
        {
            return await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        }
        catch (StepInProgressException)
        {
            return null;
        }
    }
}
