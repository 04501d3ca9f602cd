using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.Aws;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

/// <summary>Decisions, results, metrics and logs of the handler (the incident work itself: <see cref="IncidentFlowTests"/>).</summary>
public class AlarmIngestHandlerTests
{
    [Theory]
    [InlineData("cloudwatch-alarm-metric.json", "Metric")]
    [InlineData("cloudwatch-alarm-metric-math.json", "MetricMath")]
    [InlineData("cloudwatch-alarm-anomaly.json", "AnomalyDetection")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json", "MetricMath")]
    [InlineData("cloudwatch-alarm-lambda-action-composite.json", "Composite")]
    public async Task Every_sample_alarm_entering_ALARM_opens_an_incident_named_by_its_execution_name(string file, string kind)
    {
        await using var harness = IngestHarness.Start();

        var result = await harness.HandleAsync(SampleEvents.Element(file));

        Assert.Equal(IncidentDecision.Open, result.Decision);
        Assert.Equal(kind, result.AlarmKind);
        Assert.Equal("ALARM", result.State);
        Assert.False(string.IsNullOrEmpty(result.AlarmArn));
        Assert.Matches("^[0-9A-Za-z_-]{1,80}$", result.ExecutionName);
        Assert.Equal(result.ExecutionName, result.IncidentId);
        Assert.Equal(IncidentCorrelation.Created, result.Correlation);
        Assert.Equal(FakeStepFunctions.ArnOf(IngestHarness.StateMachineArn, result.ExecutionName!), result.ExecutionArn);
        Assert.Equal("Open", result.IncidentStatus);
        Assert.NotNull(result.EventId);
    }

    [Fact]
    public async Task A_return_to_OK_from_ALARM_without_an_open_incident_closes_nothing_and_names_no_execution()
    {
        await using var harness = IngestHarness.Start();

        var result = await harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", "OK", "ALARM"));

        Assert.Equal(IncidentDecision.Close, result.Decision);
        Assert.Equal("ALARM", result.PreviousState);
        Assert.Null(result.ExecutionName);
        Assert.Null(result.IncidentId);
        Assert.Contains("no open incident", result.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Events.Events);
    }

    [Theory]
    [InlineData("INSUFFICIENT_DATA", "OK", "INSUFFICIENT_DATA says")]
    [InlineData("OK", "INSUFFICIENT_DATA", "not from ALARM")]
    public async Task Transitions_that_neither_enter_nor_leave_ALARM_are_ignored_with_a_reason_and_touch_nothing(string state, string previous, string reason)
    {
        await using var harness = IngestHarness.Start();

        var result = await harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", state, previous));

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Null(result.ExecutionName);
        Assert.Empty(harness.Store.Incidents);
        Assert.Empty(harness.StepFunctions.Requests);
    }

    [Fact]
    public async Task A_composite_alarm_whose_actions_are_held_by_its_wait_period_is_ignored()
    {
        await using var harness = IngestHarness.Start();

        var result = await harness.HandleAsync(SampleEvents.Element("cloudwatch-alarm-composite.json"));

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Equal("Composite", result.AlarmKind);
        Assert.Contains("suppressed (WaitPeriod", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.ExecutionName);
        Assert.Empty(harness.Store.Incidents);
    }

    [Fact]
    public void The_unsuppressed_ALARM_sent_when_the_wait_period_ends_opens_the_incident()
    {
        // The sample is that follow-up: ALARM after an ALARM whose actions the wait period held back.
        var change = AlarmEventParser.Parse(SampleEvents.Bytes("cloudwatch-alarm-lambda-action-composite.json"));
        Assert.Equal("WaitPeriod", change.PreviousState?.ActionsSuppressedBy);

        var (decision, _) = AlarmIngestHandler.Decide(change);

        Assert.Equal(IncidentDecision.Open, decision);
    }

    [Fact]
    public void A_composite_alarm_suppressed_by_its_suppressor_alarm_is_ignored()
    {
        var change = AlarmEventParser.Parse(SampleEvents.Bytes("cloudwatch-alarm-lambda-action-composite.json"));
        var suppressed = change with
        {
            State = change.State with { ActionsSuppressedBy = "Alarm", ActionsSuppressedReason = "Alarm maintenance-window is in ALARM" },
        };

        var (decision, reason) = AlarmIngestHandler.Decide(suppressed);

        Assert.Equal(IncidentDecision.Ignore, decision);
        Assert.Contains("suppressed (Alarm: Alarm maintenance-window is in ALARM)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handler_counts_the_event_by_decision_counts_the_incident_and_logs_the_alarm_and_incident()
    {
        await using var harness = IngestHarness.Start();
        var context = new TestLambdaContext { CancellationToken = TestContext.Current.CancellationToken };

        var result = await harness.HandleAsync(SampleEvents.Element("cloudwatch-alarm-metric.json"), context);

        var metrics = Assert.IsType<TestMetrics>(context.Metrics);
        Assert.Equal([1.0], metrics.ValuesOf("AlarmEvents"));
        Assert.Equal([1.0], metrics.ValuesOf("IncidentsOpened"));
        Assert.Empty(metrics.ValuesOf("AlarmsCorrelated"));
        Assert.Contains(new KeyValuePair<string, string>("Decision", "Open"), metrics.Dimensions);
        Assert.Contains(new KeyValuePair<string, string>("alarmName", "ServerCpuTooHigh"), metrics.Metadata);
        var logger = Assert.IsType<TestLambdaLogger>(context.Logger);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LambdaLogLevel.Information, entry.Level);
        Assert.Equal("ServerCpuTooHigh", entry.Properties!["alarmName"]);
        Assert.Equal(result.IncidentId, entry.Properties["incidentId"]);
        Assert.Equal("Created", entry.Properties["correlation"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"detail-type\":\"CloudWatch Alarm Configuration Change\",\"source\":\"aws.cloudwatch\",\"detail\":{}}")]
    [InlineData("{\"detail-type\":\"CloudWatch Alarm State Change\",\"resources\":[\"arn:aws:cloudwatch:us-east-1:1:alarm:a\"],\"account\":\"1\",\"region\":\"us-east-1\",\"time\":\"2026-03-01T12:00:00Z\",\"detail\":{\"alarmName\":\"a\",\"state\":{\"value\":\"ALARM\"}}}")]
    public async Task An_event_that_is_not_an_alarm_state_change_fails_with_InvalidAlarmEventException_and_writes_nothing(string json)
    {
        await using var harness = IngestHarness.Start();
        using var document = JsonDocument.Parse(json);

        var exception = await Assert.ThrowsAsync<InvalidAlarmEventException>(() => harness.HandleAsync(document.RootElement));

        Assert.StartsWith("$", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Store.Incidents);
        Assert.Empty(harness.StepFunctions.Requests);
        Assert.Empty(harness.Events.Events);
    }

    [Fact]
    public async Task The_result_serializes_with_camel_case_names_string_enums_and_no_nulls()
    {
        await using var harness = IngestHarness.Start();
        var opened = await harness.HandleAsync(SampleEvents.Element("cloudwatch-alarm-metric.json"));
        var closed = await harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", "OK", "ALARM"));

        using var openJson = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(opened, AlarmIngestJsonContext.Default.AlarmIngestResult));
        using var closeJson = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(closed, AlarmIngestJsonContext.Default.AlarmIngestResult));

        var open = openJson.RootElement;
        Assert.Equal("Open", open.GetProperty("decision").GetString());
        Assert.Equal("Created", open.GetProperty("correlation").GetString());
        Assert.Equal(opened.ExecutionName, open.GetProperty("incidentId").GetString());
        Assert.StartsWith("arn:aws:states:", open.GetProperty("executionArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh", open.GetProperty("correlationKey").GetString());
        var close = closeJson.RootElement;
        Assert.Equal("Close", close.GetProperty("decision").GetString());
        Assert.Equal("ServerCpuTooHigh", close.GetProperty("alarmName").GetString());
        Assert.Equal("Metric", close.GetProperty("alarmKind").GetString());
        Assert.Equal("Resolved", close.GetProperty("incidentStatus").GetString());
        Assert.False(close.TryGetProperty("executionName", out _));
        Assert.False(close.TryGetProperty("correlation", out _));
        Assert.Equal("2019-10-02T17:04:40.989+00:00", close.GetProperty("stateTimestamp").GetString());
    }
}
