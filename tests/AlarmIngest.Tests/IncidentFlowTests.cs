using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;

namespace EksOps.AlarmIngest.Tests;

/// <summary>What AlarmIngest does to the incident store, Step Functions and the event bus, delivery after delivery.</summary>
public class IncidentFlowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 11, 58, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_alarm_opens_an_incident_records_the_alarm_starts_the_execution_and_announces_it()
    {
        await using var harness = IngestHarness.Start(new AlarmIngestSettings
        {
            StateMachineArn = IngestHarness.StateMachineArn,
            ApprovalTimeoutSeconds = 1800,
            VerifyWaitSeconds = 60,
        });
        var alarmEvent = SampleEvents.Workload("prod-shop-checkout-restarts", "checkout", T0);

        var result = await harness.HandleAsync(alarmEvent);

        var id = result.IncidentId!;
        var incident = Assert.Single(harness.Store.Incidents);
        Assert.Equal(id, incident.Id);
        Assert.Equal("123456789012:us-east-1:k8s:prod/shop/checkout", incident.CorrelationKey);
        Assert.Equal("prod", incident.Cluster);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(T0, incident.OpenedAt);
        Assert.Equal(result.ExecutionArn, incident.ExecutionArn);

        var request = Assert.Single(harness.StepFunctions.Requests);
        Assert.Equal(IngestHarness.StateMachineArn, request["stateMachineArn"]!.GetValue<string>());
        Assert.Equal(id, request["name"]!.GetValue<string>());
        using var input = JsonDocument.Parse(request["input"]!.GetValue<string>());
        Assert.Equal(["incidentId", "alarm", "settings"], input.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, input.RootElement.GetProperty("incidentId").GetString());
        Assert.Equal(alarmEvent.GetRawText(), input.RootElement.GetProperty("alarm").GetRawText());
        Assert.Equal(1800, input.RootElement.GetProperty("settings").GetProperty("approvalTimeoutSeconds").GetInt32());
        Assert.Equal(60, input.RootElement.GetProperty("settings").GetProperty("verifyWaitSeconds").GetInt32());

        var timeline = await harness.Store.GetTimelineAsync(id, Ct);
        var alarm = Assert.Single(timeline, e => e.Key == "alarm");
        Assert.Equal(TimelineKind.Alarm, alarm.Kind);
        Assert.Equal(T0, alarm.At);
        Assert.Equal("ALARM", alarm.Data!["state"]!.GetValue<string>());
        Assert.Equal(incident.CorrelationKey, alarm.Data["correlationKey"]!.GetValue<string>());
        var announced = Assert.Single(timeline, e => e.Key == "event:incident-opened");
        Assert.Equal(TimelineKind.Event, announced.Kind);
        Assert.Equal(result.EventId, announced.Data!["eventId"]!.GetValue<string>());

        var opened = Assert.Single(harness.Events.Events);
        Assert.Equal(IncidentEventTypes.IncidentOpened, opened.Event.DetailType);
        Assert.Equal(result.EventId, opened.EventId);
        Assert.Equal(id, opened.Event.Detail["incidentId"]!.GetValue<string>());
        Assert.Equal("prod", opened.Event.Detail["cluster"]!.GetValue<string>());
        Assert.Equal(result.ExecutionArn, opened.Event.Detail["executionArn"]!.GetValue<string>());
        Assert.Equal(["arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts", result.ExecutionArn!], opened.Event.Resources);
        Assert.Equal(T0, opened.Event.Time);
    }

    [Fact]
    public async Task The_same_alarm_event_delivered_ten_times_concurrently_makes_one_incident_one_execution_and_one_announcement()
    {
        await using var harness = IngestHarness.Start();
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => harness.HandleAsync(alarmEvent), Ct)));

        var created = Assert.Single(results, r => r.Correlation == IncidentCorrelation.Created);
        Assert.All(results, r => Assert.Equal(created.IncidentId, r.IncidentId));
        Assert.All(results, r => Assert.Equal(created.ExecutionArn, r.ExecutionArn));
        Assert.Equal(9, results.Count(r => r.Correlation == IncidentCorrelation.Joined));
        var incident = Assert.Single(harness.Store.Incidents);
        Assert.Equal(9, incident.CorrelatedAlarms);
        Assert.Single(harness.StepFunctions.Executions);
        Assert.Single(harness.Events.OfType(IncidentEventTypes.IncidentOpened));
        Assert.Single(results, r => r.EventId is not null);
        Assert.Single(await harness.Store.GetTimelineAsync(incident.Id, Ct), e => e.Kind == TimelineKind.Alarm);
    }

    [Fact]
    public async Task A_delivery_after_the_incident_is_in_hand_starts_nothing_and_announces_nothing()
    {
        await using var harness = IngestHarness.Start();
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");
        var first = await harness.HandleAsync(alarmEvent);

        harness.Clock.Advance(TimeSpan.FromHours(2));
        var again = await harness.HandleAsync(alarmEvent);

        Assert.Equal(IncidentCorrelation.Joined, again.Correlation);
        Assert.Equal(first.IncidentId, again.IncidentId);
        Assert.Equal(first.ExecutionArn, again.ExecutionArn);
        Assert.Null(again.EventId);
        Assert.Single(harness.StepFunctions.Requests);
        Assert.Single(harness.Events.Events);
    }

    [Fact]
    public async Task Two_alarms_on_one_workload_within_the_window_make_one_incident_and_the_second_is_recorded_on_it()
    {
        await using var harness = IngestHarness.Start();
        var restarts = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0));

        harness.Clock.Advance(TimeSpan.FromMinutes(10));
        var latency = await harness.HandleAsync(SampleEvents.Workload("checkout-latency", "checkout", T0.AddMinutes(10)));

        Assert.Equal(IncidentCorrelation.Created, restarts.Correlation);
        Assert.Equal(IncidentCorrelation.Joined, latency.Correlation);
        Assert.Equal(restarts.IncidentId, latency.IncidentId);
        Assert.NotEqual(latency.ExecutionName, latency.IncidentId);
        Assert.Equal(restarts.ExecutionArn, latency.ExecutionArn);
        Assert.Single(harness.Store.Incidents);
        Assert.Single(harness.StepFunctions.Requests);
        Assert.Single(harness.Events.Events);
        var folded = Assert.Single(await harness.Store.GetTimelineAsync(restarts.IncidentId!, Ct), e => e.Kind == TimelineKind.AlarmCorrelated);
        Assert.Equal("alarm:" + latency.ExecutionName, folded.Key);
        Assert.Equal("checkout-latency", folded.Data!["alarmName"]!.GetValue<string>());
        Assert.Null(await harness.Store.GetAsync(latency.ExecutionName!, Ct));
    }

    [Fact]
    public async Task Two_alarms_on_one_workload_outside_the_window_make_two_incidents()
    {
        await using var harness = IngestHarness.Start(new AlarmIngestSettings { StateMachineArn = IngestHarness.StateMachineArn, CorrelationWindow = TimeSpan.FromMinutes(5) });
        var first = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0));

        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var second = await harness.HandleAsync(SampleEvents.Workload("checkout-latency", "checkout", T0.AddMinutes(6)));

        Assert.Equal(IncidentCorrelation.Created, second.Correlation);
        Assert.NotEqual(first.IncidentId, second.IncidentId);
        Assert.Equal(2, harness.Store.Incidents.Count);
        Assert.Equal(2, harness.StepFunctions.Executions.Count);
        Assert.Equal(2, harness.Events.OfType(IncidentEventTypes.IncidentOpened).Count);
    }

    [Fact]
    public async Task Alarms_on_different_workloads_in_the_same_minute_make_separate_incidents()
    {
        await using var harness = IngestHarness.Start();

        var checkout = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0));
        var cart = await harness.HandleAsync(SampleEvents.Workload("cart-restarts", "cart", T0));

        Assert.Equal(IncidentCorrelation.Created, cart.Correlation);
        Assert.NotEqual(checkout.IncidentId, cart.IncidentId);
        Assert.Equal(2, harness.StepFunctions.Executions.Count);
    }

    [Fact]
    public async Task OK_resolves_a_monitoring_incident_records_it_and_announces_it_once()
    {
        await using var harness = IngestHarness.Start();
        var opened = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0));
        await harness.Store.UpdateAsync(opened.IncidentId!, new IncidentUpdate { At = T0.AddMinutes(5), Status = IncidentStatus.Monitoring, RootCause = "oom-killed", Runbook = "raise-memory-limit" }, Ct);
        var ok = SampleEvents.Workload("checkout-restarts", "checkout", T0.AddMinutes(20), state: "OK", previous: "ALARM", previousAt: T0);

        harness.Clock.Advance(TimeSpan.FromMinutes(20));
        var closed = await harness.HandleAsync(ok);
        var again = await harness.HandleAsync(ok);

        Assert.Equal(IncidentDecision.Close, closed.Decision);
        Assert.Equal(opened.IncidentId, closed.IncidentId);
        Assert.Equal("Resolved", closed.IncidentStatus);
        Assert.NotNull(closed.EventId);
        var incident = (await harness.Store.GetAsync(opened.IncidentId!, Ct))!;
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(harness.Clock.GetUtcNow(), incident.ClosedAt);
        Assert.Contains("returned to OK", incident.StatusReason, StringComparison.Ordinal);
        var resolution = Assert.Single(await harness.Store.GetTimelineAsync(incident.Id, Ct), e => e.Key == "resolution");
        Assert.Equal(TimelineKind.Resolution, resolution.Kind);
        Assert.Equal(T0.AddMinutes(20), resolution.At);
        var resolved = Assert.Single(harness.Events.OfType(IncidentEventTypes.IncidentResolved));
        Assert.Equal(incident.Id, resolved.Event.Detail["incidentId"]!.GetValue<string>());
        Assert.Equal("oom-killed", resolved.Event.Detail["rootCause"]!.GetValue<string>());
        Assert.Equal("alarm", resolved.Event.Detail["resolvedBy"]!.GetValue<string>());
        Assert.Null(again.EventId);
        Assert.Equal("Resolved", again.IncidentStatus);
    }

    [Fact]
    public async Task OK_leaves_an_escalated_incident_escalated_and_announces_nothing()
    {
        await using var harness = IngestHarness.Start();
        var opened = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0));
        await harness.Store.UpdateAsync(opened.IncidentId!, new IncidentUpdate { At = T0.AddMinutes(5), Status = IncidentStatus.Escalated, StatusReason = "approval denied" }, Ct);

        var closed = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0.AddMinutes(20), state: "OK", previous: "ALARM", previousAt: T0));

        Assert.Equal(opened.IncidentId, closed.IncidentId);
        Assert.Equal("Escalated", closed.IncidentStatus);
        Assert.Contains("already closed (Escalated)", closed.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Events.OfType(IncidentEventTypes.IncidentResolved));
        Assert.Equal("approval denied", (await harness.Store.GetAsync(opened.IncidentId!, Ct))!.StatusReason);
    }

    [Fact]
    public async Task An_announcement_that_failed_after_its_claim_goes_out_once_the_claim_is_stale()
    {
        var failures = 1;
        await using var harness = IngestHarness.Start(onPublished: (recorded, _) =>
            recorded.Event.DetailType == IncidentEventTypes.IncidentResolved && Interlocked.Decrement(ref failures) >= 0
                ? throw new IncidentEventPublishException("bus unavailable")
                : Task.CompletedTask);
        var opened = await harness.HandleAsync(SampleEvents.Workload("checkout-restarts", "checkout", T0));
        var ok = SampleEvents.Workload("checkout-restarts", "checkout", T0.AddMinutes(20), state: "OK", previous: "ALARM", previousAt: T0);

        await Assert.ThrowsAsync<IncidentEventPublishException>(() => harness.HandleAsync(ok));
        var tooSoon = await harness.HandleAsync(ok);
        harness.Clock.Advance(harness.Settings.StalePublishClaimAfter);
        var redelivered = await harness.HandleAsync(ok);
        var afterThat = await harness.HandleAsync(ok);

        // The resolved incident is no longer open; the OK event's previous ALARM transition names it.
        Assert.Equal(opened.IncidentId, tooSoon.IncidentId);
        Assert.Null(tooSoon.EventId);
        Assert.Equal(opened.IncidentId, redelivered.IncidentId);
        Assert.NotNull(redelivered.EventId);
        Assert.Null(afterThat.EventId);
        var claim = await harness.Store.ClaimAsync(opened.IncidentId!, IncidentEventTypes.ClaimKey(IncidentEventTypes.IncidentResolved), Ct);
        Assert.Equal(StepClaimState.Completed, claim.State);
        Assert.Equal(redelivered.EventId, claim.Result!["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_throttled_StartExecution_fails_the_invocation_and_the_redelivery_starts_it()
    {
        await using var harness = IngestHarness.Start();
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");
        harness.StepFunctions.ThrottleNext(1);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => harness.HandleAsync(alarmEvent));
        var incident = Assert.Single(harness.Store.Incidents);
        Assert.Null(incident.ExecutionArn);
        Assert.Empty(harness.Events.Events);

        var redelivered = await harness.HandleAsync(alarmEvent);

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(IncidentCorrelation.Joined, redelivered.Correlation);
        Assert.Equal(incident.Id, redelivered.IncidentId);
        Assert.NotNull(redelivered.ExecutionArn);
        Assert.Equal(redelivered.ExecutionArn, (await harness.Store.GetAsync(incident.Id, Ct))!.ExecutionArn);
        Assert.Single(harness.StepFunctions.Executions);
        Assert.Single(harness.Events.OfType(IncidentEventTypes.IncidentOpened));
        Assert.Equal(redelivered.EventId, harness.Events.Events[0].EventId);
    }

    [Fact]
    public async Task A_delivery_that_died_after_opening_the_incident_is_finished_by_the_next_delivery()
    {
        await using var harness = IngestHarness.Start();
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");
        var change = Alarms.AlarmEventParser.Parse(alarmEvent);
        var id = Alarms.IncidentKeys.ExecutionName(change);
        await harness.Store.OpenOrJoinAsync(new IncidentRecord
        {
            Id = id,
            CorrelationKey = Alarms.IncidentKeys.CorrelationKey(change),
            AlarmName = change.AlarmName,
            AlarmArn = change.AlarmArn,
            Status = IncidentStatus.Open,
            OpenedAt = change.State.Timestamp,
            UpdatedAt = harness.Clock.GetUtcNow(),
        }, harness.Settings.CorrelationWindow, Ct);

        var result = await harness.HandleAsync(alarmEvent);

        Assert.Equal(IncidentCorrelation.Joined, result.Correlation);
        Assert.Equal(id, result.IncidentId);
        Assert.Equal(FakeStepFunctions.ArnOf(IngestHarness.StateMachineArn, id), result.ExecutionArn);
        Assert.Single(harness.StepFunctions.Executions);
        Assert.Single(harness.Events.OfType(IncidentEventTypes.IncidentOpened));
        Assert.Single(await harness.Store.GetTimelineAsync(id, Ct), e => e.Key == "alarm");
    }

    [Fact]
    public async Task An_execution_already_started_with_another_input_counts_as_started()
    {
        // The alarm-action payload and the EventBridge event of one transition share an execution name, not an input.
        await using var harness = IngestHarness.Start();
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");
        var id = Alarms.IncidentKeys.ExecutionName(Alarms.AlarmEventParser.Parse(alarmEvent));
        harness.StepFunctions.Seed(IngestHarness.StateMachineArn, id, """{"incidentId":"from the other delivery"}""");

        var result = await harness.HandleAsync(alarmEvent);

        Assert.Equal(IncidentCorrelation.Created, result.Correlation);
        Assert.Equal(FakeStepFunctions.ArnOf(IngestHarness.StateMachineArn, id), result.ExecutionArn);
        Assert.Equal(result.ExecutionArn, (await harness.Store.GetAsync(id, Ct))!.ExecutionArn);
        Assert.Single(harness.StepFunctions.Executions);
        Assert.Single(harness.Events.OfType(IncidentEventTypes.IncidentOpened));
    }

    [Fact]
    public async Task The_execution_input_is_the_same_for_every_delivery_of_an_event()
    {
        await using var harness = IngestHarness.Start();
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-lambda-action-single.json");

        var first = harness.Handler.ExecutionInput("incident-1", alarmEvent);
        var second = harness.Handler.ExecutionInput("incident-1", SampleEvents.Element("cloudwatch-alarm-lambda-action-single.json"));

        Assert.Equal(first, second);
        var parsed = JsonNode.Parse(first)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SampleEvents.Bytes("cloudwatch-alarm-lambda-action-single.json")), parsed["alarm"]));
        Assert.Equal(3600, parsed["settings"]!["approvalTimeoutSeconds"]!.GetValue<int>());
        Assert.Equal(120, parsed["settings"]!["verifyWaitSeconds"]!.GetValue<int>());
    }
}
