using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Simulation.CloudWatch;

namespace EksOps.IncidentFlow.Tests;

/// <summary><c>verify</c>: recovered (alarm OK, or the cause's findings gone), failed (the change no longer in place), pending; then report or rollback.</summary>
public class VerifyTests
{
    [Fact]
    public async Task An_alarm_back_to_ok_is_recovered_and_the_report_resolves_the_incident_publishing_incident_resolved_once()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        await served.PlanAsync(served.Services());
        await served.Services().Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        await using var okCloudWatch = await CloudWatchSimulator.StartAsync(
            new SimulatedCloudWatch([], [SimulatedAlarm.FromEvent(AlarmInState(served, "OK"))], [], served.Scenario.Now),
            cancellationToken: TestContext.Current.CancellationToken);
        using var pipeline = ServedFlow.Pipeline(served.Scenario, okCloudWatch.Endpoint, served.Environment.CloudWatch.Endpoint);
        var verify = new VerifyStep(served.BuildRegistry(_ => pipeline), served.Store, served.Clock, new Diagnosis.DiagnosisBudget());

        var verified = await verify.RunAsync(StepRequest.Parse(served.Payload(StepNames.Verify)), ServedFlow.Context());
        var reported = await served.Services().Report.HandleAsync(served.Payload(StepNames.Report), ServedFlow.Context());
        var again = await served.Services().Report.HandleAsync(served.Payload(StepNames.Report), ServedFlow.Context());

        Assert.Equal(VerificationOutcomes.Recovered, (string?)verified["outcome"]);
        Assert.Equal("OK", (string?)verified["alarmState"]);
        Assert.Equal("Resolved", (string?)reported["status"]);
        Assert.Equal(IncidentStatus.Resolved, (await served.RecordAsync()).Status);
        var resolved = Assert.Single(served.Events.OfType(IncidentEventTypes.IncidentResolved));
        Assert.Equal("recovered", (string?)resolved.Event.Detail["outcome"]);
        Assert.Equal("capacity-saturation", (string?)resolved.Event.Detail["rootCause"]);
        Assert.Contains(resolved.EventId, again["eventIds"]!.AsArray().Select(e => (string?)e));
        Assert.Equal(resolved.EventId, (string?)(await served.EntryAsync(TimelineKeys.Resolution))["eventId"]);
        Assert.Equal("resolved", (string?)(await served.EntryAsync(TimelineKeys.Report))["outcome"]);
    }

    [Fact]
    public async Task With_the_alarm_still_in_alarm_the_causes_findings_gone_is_recovered()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await served.ApproveAsync();
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        // The old pods were OOM-killed; with the higher limit the rollout replaces them (the simulator runs no controllers: delete them).
        foreach (var pod in served.Environment.Kubernetes.Cluster.Objects.Where(o => (string?)o["kind"] == "Pod" && ((string?)o["metadata"]!["name"])!.StartsWith("checkout-", StringComparison.Ordinal)).ToList())
        {
            await served.DeletePodAsync("shop", (string)pod["metadata"]!["name"]!);
        }

        var verified = await flow.Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context());

        Assert.Equal(VerificationOutcomes.Recovered, (string?)verified["outcome"]);
        Assert.Equal("ALARM", (string?)verified["alarmState"]);
        Assert.Contains("no longer find oom-killed on Deployment shop/checkout", (string?)verified["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_that_was_reverted_fails_verification_and_the_rollback_then_finds_nothing_of_its_own_to_undo()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        await served.PatchAsync("HorizontalPodAutoscaler", "web", "web-frontend", JsonNode.Parse("""{"spec":{"maxReplicas":6}}""")!.AsObject());

        var verified = await flow.Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context());
        var rollback = await flow.Remediate.HandleAsync(served.Payload(StepNames.Rollback), ServedFlow.Context());

        Assert.Equal(VerificationOutcomes.Failed, (string?)verified["outcome"]);
        Assert.Equal("the target no longer carries the change: spec.maxReplicas is 6, not 9", (string?)verified["reason"]);
        Assert.False((bool)rollback["rolledBack"]!);
        Assert.Contains("changed after the plan", (string?)rollback["reason"], StringComparison.Ordinal);
        Assert.Equal(2, served.RealWrites.Count); // the apply and the revert by hand; the rollback wrote nothing
    }

    [Fact]
    public async Task Pods_created_after_the_change_that_fail_the_same_way_fail_verification()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await served.ApproveAsync();
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        // The new revision's pod, started after the change, is OOM-killed again (with a limit that did not help).
        var later = served.Scenario.Now.AddMinutes(10);
        var pod = (JsonObject)served.Environment.Kubernetes.Cluster.Find("v1", "Pod", "shop", "checkout-6d6584985-fxfnn")!.DeepClone();
        var metadata = pod["metadata"]!.AsObject();
        metadata["name"] = "checkout-7f9c8b6d5-newpod";
        metadata.Remove("uid");
        metadata.Remove("resourceVersion");
        metadata.Remove("creationTimestamp"); // the API server stamps it with its clock: at or after the change
        var terminated = pod["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!.AsObject();
        terminated["startedAt"] = Iso(served.Scenario.Now.AddMinutes(3));
        terminated["finishedAt"] = Iso(served.Scenario.Now.AddMinutes(8));
        await served.CreateAsync("/api/v1/namespaces/shop/pods", pod);
        var verify = new VerifyStep(served.Registry, served.Store, new FixedTimeProvider(later), new Diagnosis.DiagnosisBudget());

        var verified = await verify.RunAsync(StepRequest.Parse(served.Payload(StepNames.Verify)), ServedFlow.Context());

        Assert.Equal(VerificationOutcomes.Failed, (string?)verified["outcome"]);
        Assert.Equal("pods created after the change fail the same way (oom-killed): Pod shop/checkout-7f9c8b6d5-newpod", (string?)verified["reason"]);
    }

    [Fact]
    public async Task Verify_before_anything_was_applied_is_a_precondition_failure()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");

        await Assert.ThrowsAsync<StepPreconditionException>(() => served.Services().Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context()));
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The scenario's alarm event with its state set to <paramref name="state"/>.</summary>
    private static string AlarmInState(ServedFlow served, string state)
    {
        var alarm = JsonNode.Parse(served.Scenario.Alarm.Json.GetRawText())!.AsObject();
        var holder = alarm["detail"] as JsonObject ?? alarm["alarmData"] as JsonObject ?? throw new JsonException("not an alarm event");
        holder["state"]!["value"] = state;
        return alarm.ToJsonString();
    }
}
