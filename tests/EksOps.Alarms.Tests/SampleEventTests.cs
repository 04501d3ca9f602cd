namespace EksOps.Alarms.Tests;

public sealed class SampleEventTests
{
    [Fact]
    public void Single_metric_alarm_from_EventBridge_is_parsed_with_envelope_states_and_metric()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-metric.json");

        Assert.Equal(AlarmEventShape.EventBridge, change.Source);
        Assert.Equal("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", change.EventId);
        Assert.Equal("ServerCpuTooHigh", change.AlarmName);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh", change.AlarmArn);
        Assert.Equal("123456789012", change.AccountId);
        Assert.Equal("us-east-1", change.Region);
        Assert.Equal(EventFiles.Utc(2019, 10, 2, 17, 4, 40), change.Time);
        Assert.Equal(AlarmKind.Metric, change.Kind);

        Assert.Equal(AlarmStateValue.Alarm, change.State.Value);
        Assert.Equal(EventFiles.Utc(2019, 10, 2, 17, 4, 40, 989), change.State.Timestamp);
        Assert.StartsWith("Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434", change.State.Reason, StringComparison.Ordinal);
        Assert.Null(change.State.ActionsSuppressedBy);

        Assert.NotNull(change.PreviousState);
        Assert.Equal(AlarmStateValue.Ok, change.PreviousState.Value);
        Assert.Equal(EventFiles.Utc(2019, 10, 1, 13, 56, 40, 987), change.PreviousState.Timestamp);

        Assert.Equal("Goes into alarm when server CPU utilization is too high!", change.Configuration.Description);
        var metric = Assert.Single(change.Configuration.Metrics);
        Assert.Equal("30b6c6b2-a864-43a2-4877-c09a1afc3b87", metric.Id);
        Assert.True(metric.ReturnData);
        Assert.Null(metric.Expression);
        Assert.NotNull(metric.MetricStat);
        Assert.Equal("AWS/EC2", metric.MetricStat.Namespace);
        Assert.Equal("CPUUtilization", metric.MetricStat.MetricName);
        Assert.Equal(300, metric.MetricStat.Period);
        Assert.Equal("Average", metric.MetricStat.Stat);
        Assert.Null(metric.MetricStat.Unit);
        Assert.Equal("i-12345678901234567", Assert.Single(metric.MetricStat.Dimensions, d => d.Key == "InstanceId").Value);
        Assert.Null(change.Configuration.AlarmRule);
    }

    [Fact]
    public void Single_metric_alarm_reason_data_is_parsed_into_threshold_and_datapoints()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-metric.json");

        var data = change.State.ReasonData;
        Assert.NotNull(data);
        Assert.Null(change.State.ReasonDataError);
        Assert.Equal("1.0", data.Version);
        Assert.Equal(EventFiles.Utc(2019, 10, 2, 17, 4, 40, 985), data.QueryDate);
        Assert.Equal(EventFiles.Utc(2019, 10, 2, 16, 59, 0), data.StartDate);
        Assert.Equal("Average", data.Statistic);
        Assert.Equal(300, data.Period);
        Assert.Equal([99.50160229693434], data.RecentDatapoints);
        Assert.Equal(50.0, data.Threshold);
        Assert.Empty(data.RecentLowerThresholds);
        Assert.Empty(data.EvaluatedDatapoints);
        Assert.Empty(data.TriggeringAlarms);
        Assert.StartsWith("{\"version\":\"1.0\"", change.State.ReasonDataJson, StringComparison.Ordinal);

        Assert.Equal([0.0666851903306472], change.PreviousState!.ReasonData!.RecentDatapoints);
    }

    [Fact]
    public void Metric_math_alarm_is_classified_as_metric_math_and_keeps_expression_and_metric_entries_in_order()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-metric-math.json");

        Assert.Equal(AlarmKind.MetricMath, change.Kind);
        Assert.Equal("TotalNetworkTrafficTooHigh", change.AlarmName);
        Assert.Equal(["e1", "m1", "m2"], change.Configuration.Metrics.Select(m => m.Id));

        var expression = change.Configuration.Metrics[0];
        Assert.Equal("SUM(METRICS())", expression.Expression);
        Assert.Equal("Total Network Traffic", expression.Label);
        Assert.True(expression.ReturnData);
        Assert.Null(expression.MetricStat);

        Assert.Equal("NetworkIn", change.Configuration.Metrics[1].MetricStat!.MetricName);
        Assert.Equal("Maximum", change.Configuration.Metrics[1].MetricStat!.Stat);
        Assert.False(change.Configuration.Metrics[1].ReturnData);
        Assert.Equal("NetworkOut", change.Configuration.Metrics[2].MetricStat!.MetricName);

        Assert.Equal(10000.0, change.State.ReasonData!.Threshold);
        Assert.Null(change.State.ReasonData.Statistic);
    }

    [Fact]
    public void Previous_state_without_reason_data_has_no_parsed_data_and_no_error()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-metric-math.json");

        var previous = change.PreviousState!;
        Assert.Equal(AlarmStateValue.InsufficientData, previous.Value);
        Assert.Equal("Unchecked: Initial alarm creation", previous.Reason);
        Assert.Null(previous.ReasonDataJson);
        Assert.Null(previous.ReasonData);
        Assert.Null(previous.ReasonDataError);
    }

    [Fact]
    public void Anomaly_detection_alarm_is_classified_and_its_band_thresholds_are_parsed()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-anomaly.json");

        Assert.Equal(AlarmKind.AnomalyDetection, change.Kind);
        Assert.Equal("EC2 CPU Utilization Anomaly", change.AlarmName);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU Utilization Anomaly", change.AlarmArn);
        Assert.Equal("ANOMALY_DETECTION_BAND(m1, 0.8)", change.Configuration.Metrics[1].Expression);

        var data = change.State.ReasonData!;
        Assert.Null(data.Threshold);
        Assert.Equal(60, data.Period);
        Assert.Equal([0.0], data.RecentDatapoints);
        Assert.Equal([0.020599444741798756], data.RecentLowerThresholds);
        Assert.Equal([0.3006915352732461], data.RecentUpperThresholds);
    }

    [Fact]
    public void Composite_alarm_from_EventBridge_has_rule_suppressor_and_triggering_alarms()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-composite.json");

        Assert.Equal(AlarmKind.Composite, change.Kind);
        Assert.Equal("ServiceAggregatedAlarm", change.AlarmName);
        Assert.Empty(change.Configuration.Metrics);
        Assert.Equal("ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)", change.Configuration.AlarmRule);
        Assert.Equal("ServiceMaintenanceAlarm", change.Configuration.ActionsSuppressor);
        Assert.Equal(120, change.Configuration.ActionsSuppressorWaitPeriod);
        Assert.Equal(180, change.Configuration.ActionsSuppressorExtensionPeriod);

        Assert.Equal("WaitPeriod", change.State.ActionsSuppressedBy);
        Assert.Equal("Actions suppressed by WaitPeriod", change.State.ActionsSuppressedReason);

        var trigger = Assert.Single(change.State.ReasonData!.TriggeringAlarms);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh", trigger.Arn);
        Assert.Equal("ServerCpuTooHigh", trigger.AlarmName);
        Assert.Equal(AlarmStateValue.Alarm, trigger.State);
        Assert.Equal(EventFiles.Utc(2022, 7, 22, 15, 57, 45, 394), trigger.Timestamp);
        Assert.Null(change.State.ReasonData.Threshold);

        var previousTriggers = change.PreviousState!.ReasonData!.TriggeringAlarms;
        Assert.Equal(["TotalNetworkTrafficTooHigh", "ServerCpuTooHigh"], previousTriggers.Select(t => t.AlarmName));
        Assert.All(previousTriggers, t => Assert.Equal(AlarmStateValue.Ok, t.State));
    }

    [Fact]
    public void Alarm_action_payload_is_parsed_with_its_own_arn_account_and_time()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-lambda-action-single.json");

        Assert.Equal(AlarmEventShape.AlarmAction, change.Source);
        Assert.Null(change.EventId);
        Assert.Equal("Test alert", change.AlarmName);
        Assert.Equal("arn:aws:cloudwatch:eu-west-1:912397435824:alarm:test_alarm", change.AlarmArn);
        Assert.Equal("123456789012", change.AccountId);
        Assert.Equal("eu-west-1", change.Region);
        Assert.Equal(EventFiles.Utc(2024, 2, 17, 11, 53, 8, 431), change.Time);
        Assert.Equal(AlarmStateValue.Alarm, change.State.Value);
        Assert.Equal(AlarmStateValue.Ok, change.PreviousState!.Value);
        Assert.Equal("This is description **here**", change.Configuration.Description);
    }

    [Fact]
    public void Alarm_action_metric_math_payload_has_empty_dimensions_and_evaluated_datapoints()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-lambda-action-single.json");

        Assert.Equal(AlarmKind.MetricMath, change.Kind);
        Assert.Equal("m1/m2", change.Configuration.Metrics[0].Expression);
        Assert.All(change.Configuration.Metrics.Skip(1), m => Assert.Empty(m.MetricStat!.Dimensions));
        Assert.Equal("AWS/Lambda", change.Configuration.Metrics[1].MetricStat!.Namespace);

        var data = change.State.ReasonData!;
        Assert.Equal("SampleCount", data.Statistic);
        Assert.Equal(10.0, data.Threshold);
        var point = Assert.Single(data.EvaluatedDatapoints);
        Assert.Equal(EventFiles.Utc(2024, 2, 17, 11, 51, 0), point.Timestamp);
        Assert.Equal(1.0, point.SampleCount);
        Assert.Equal(1.0, point.Value);
    }

    [Fact]
    public void Alarm_action_composite_payload_has_suppression_on_the_previous_state()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-lambda-action-composite.json");

        Assert.Equal(AlarmEventShape.AlarmAction, change.Source);
        Assert.Equal(AlarmKind.Composite, change.Kind);
        Assert.Equal("CompositeDemo.Main", change.AlarmName);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:111122223333:alarm:SuppressionDemo.Main", change.AlarmArn);
        Assert.Equal("CompositeDemo.ActionsSuppressor", change.Configuration.ActionsSuppressor);

        Assert.Null(change.State.ActionsSuppressedBy);
        Assert.Equal("WaitPeriod", change.PreviousState!.ActionsSuppressedBy);
        Assert.Equal("Actions suppressed by WaitPeriod", change.PreviousState.ActionsSuppressedReason);

        var trigger = Assert.Single(change.State.ReasonData!.TriggeringAlarms);
        Assert.Equal("CompositeDemo.FirstChild", trigger.AlarmName);
        Assert.Equal(EventFiles.Utc(2023, 8, 4, 12, 54, 46, 138), trigger.Timestamp);
    }

    [Theory]
    [InlineData("cloudwatch-alarm-metric.json")]
    [InlineData("cloudwatch-alarm-metric-math.json")]
    [InlineData("cloudwatch-alarm-anomaly.json")]
    [InlineData("cloudwatch-alarm-composite.json")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json")]
    [InlineData("cloudwatch-alarm-lambda-action-composite.json")]
    public void Every_state_change_sample_parses_all_of_its_reason_data(string file)
    {
        var change = EventFiles.Parse(file);

        foreach (var state in new[] { change.State, change.PreviousState! })
        {
            Assert.Null(state.ReasonDataError);
            Assert.Equal(state.ReasonDataJson is null, state.ReasonData is null);
            Assert.Equal(TimeSpan.Zero, state.Timestamp.Offset);
        }
    }

    [Fact]
    public void Parsing_from_a_json_element_gives_the_same_result_as_parsing_bytes()
    {
        byte[] bytes = EventFiles.Bytes("cloudwatch-alarm-anomaly.json");
        using var document = System.Text.Json.JsonDocument.Parse(bytes);

        var fromElement = AlarmEventParser.Parse(document.RootElement);
        var fromBytes = AlarmEventParser.Parse(bytes);

        Assert.Equal(fromBytes.AlarmArn, fromElement.AlarmArn);
        Assert.Equal(fromBytes.State.Timestamp, fromElement.State.Timestamp);
        Assert.Equal(fromBytes.State.ReasonData!.RecentUpperThresholds, fromElement.State.ReasonData!.RecentUpperThresholds);
        Assert.Equal(IncidentKeys.ExecutionName(fromBytes), IncidentKeys.ExecutionName(fromElement));
    }

    [Fact]
    public void Parsed_model_does_not_depend_on_the_disposed_json_document()
    {
        AlarmStateChange change;
        using (var document = System.Text.Json.JsonDocument.Parse(EventFiles.Bytes("cloudwatch-alarm-metric.json")))
        {
            change = AlarmEventParser.Parse(document.RootElement);
        }

        Assert.Equal("ServerCpuTooHigh", change.AlarmName);
        Assert.Equal("CPUUtilization", change.Configuration.Metrics[0].MetricStat!.MetricName);
    }

    [Fact]
    public void Leading_utf8_byte_order_mark_is_accepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. EventFiles.Bytes("cloudwatch-alarm-metric.json")];

        Assert.Equal("ServerCpuTooHigh", AlarmEventParser.Parse(bytes).AlarmName);
    }
}
