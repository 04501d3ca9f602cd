using System.Text.Json;
using EksOps.Alarms;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

public class AlarmIngestHandlerTests
{
    [Theory]
    [InlineData("cloudwatch-alarm-metric.json", "Metric")]
    [InlineData("cloudwatch-alarm-metric-math.json", "MetricMath")]
    [InlineData("cloudwatch-alarm-anomaly.json", "AnomalyDetection")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json", "MetricMath")]
    [InlineData("cloudwatch-alarm-lambda-action-composite.json", "Composite")]
    public async Task Every_sample_alarm_entering_ALARM_opens_an_incident_with_an_execution_name(string file, string kind)
    {
        var context = new TestLambdaContext();

        var result = await AlarmIngestHandler.HandleAsync(SampleEvents.Element(file), context);

        Assert.Equal(IncidentDecision.Open, result.Decision);
        Assert.Equal(kind, result.AlarmKind);
        Assert.Equal("ALARM", result.State);
        Assert.False(string.IsNullOrEmpty(result.AlarmArn));
        Assert.NotNull(result.ExecutionName);
        Assert.Matches("^[0-9A-Za-z_-]{1,80}$", result.ExecutionName);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_yields_the_same_execution_name()
    {
        var first = await AlarmIngestHandler.HandleAsync(SampleEvents.Element("cloudwatch-alarm-metric.json"), new TestLambdaContext());
        var second = await AlarmIngestHandler.HandleAsync(SampleEvents.Element("cloudwatch-alarm-metric.json"), new TestLambdaContext());

        Assert.Equal(first.ExecutionName, second.ExecutionName);
    }

    [Fact]
    public async Task A_return_to_OK_from_ALARM_closes_the_incident_and_names_no_execution()
    {
        var result = await AlarmIngestHandler.HandleAsync(
            SampleEvents.WithStates("cloudwatch-alarm-metric.json", "OK", "ALARM"), new TestLambdaContext());

        Assert.Equal(IncidentDecision.Close, result.Decision);
        Assert.Equal("ALARM", result.PreviousState);
        Assert.Null(result.ExecutionName);
    }

    [Theory]
    [InlineData("INSUFFICIENT_DATA", "OK", "INSUFFICIENT_DATA says")]
    [InlineData("OK", "INSUFFICIENT_DATA", "not from ALARM")]
    public async Task Transitions_that_neither_enter_nor_leave_ALARM_are_ignored_with_a_reason(string state, string previous, string reason)
    {
        var result = await AlarmIngestHandler.HandleAsync(
            SampleEvents.WithStates("cloudwatch-alarm-metric.json", state, previous), new TestLambdaContext());

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Null(result.ExecutionName);
    }

    [Fact]
    public async Task A_composite_alarm_whose_actions_are_held_by_its_wait_period_is_ignored()
    {
        var result = await AlarmIngestHandler.HandleAsync(SampleEvents.Element("cloudwatch-alarm-composite.json"), new TestLambdaContext());

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Equal("Composite", result.AlarmKind);
        Assert.Contains("suppressed (WaitPeriod", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.ExecutionName);
    }

    [Fact]
    public async Task The_unsuppressed_ALARM_sent_when_the_wait_period_ends_opens_the_incident()
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
    public async Task The_handler_counts_the_event_by_decision_and_logs_the_alarm_name()
    {
        var context = new TestLambdaContext();

        await AlarmIngestHandler.HandleAsync(SampleEvents.Element("cloudwatch-alarm-metric.json"), context);

        var metrics = Assert.IsType<TestMetrics>(context.Metrics);
        Assert.Equal([1.0], metrics.ValuesOf("AlarmEvents"));
        Assert.Contains(new KeyValuePair<string, string>("Decision", "Open"), metrics.Dimensions);
        Assert.Contains(new KeyValuePair<string, string>("alarmName", "ServerCpuTooHigh"), metrics.Metadata);
        var logger = Assert.IsType<TestLambdaLogger>(context.Logger);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LambdaLogLevel.Information, entry.Level);
        Assert.Equal("ServerCpuTooHigh", entry.Properties!["alarmName"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"detail-type\":\"CloudWatch Alarm Configuration Change\",\"source\":\"aws.cloudwatch\",\"detail\":{}}")]
    public async Task An_event_that_is_not_an_alarm_state_change_fails_with_InvalidAlarmEventException(string json)
    {
        using var document = JsonDocument.Parse(json);

        var exception = await Assert.ThrowsAsync<InvalidAlarmEventException>(
            () => AlarmIngestHandler.HandleAsync(document.RootElement, new TestLambdaContext()));

        Assert.StartsWith("$", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_result_serializes_with_camel_case_names_string_enums_and_no_nulls()
    {
        var result = await AlarmIngestHandler.HandleAsync(
            SampleEvents.WithStates("cloudwatch-alarm-metric.json", "OK", "ALARM"), new TestLambdaContext());

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(result, AlarmIngestJsonContext.Default.AlarmIngestResult));

        var root = json.RootElement;
        Assert.Equal("Close", root.GetProperty("decision").GetString());
        Assert.Equal("ServerCpuTooHigh", root.GetProperty("alarmName").GetString());
        Assert.Equal("Metric", root.GetProperty("alarmKind").GetString());
        Assert.False(root.TryGetProperty("executionName", out _));
        Assert.Equal("2019-10-02T17:04:40.989+00:00", root.GetProperty("stateTimestamp").GetString());
    }
}
