using System.Globalization;
using System.Text.Json;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Protocol;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Tests.CloudWatch.Support;

namespace EksOps.Simulation.Tests.CloudWatch;

/// <summary>Alarms read from state-change payloads, then DescribeAlarms and DescribeAlarmHistory through the production client.</summary>
public sealed class AlarmTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", CultureInfo.InvariantCulture);

    private static SimulatedCloudWatch Data(params SimulatedAlarm[] alarms) => new([], alarms, [], Now);

    private static SimulatedAlarm[] AllSamples() =>
    [
        SimulatedAlarm.FromEvent(SampleAlarmEvents.Restarts),
        SimulatedAlarm.FromEvent(SampleAlarmEvents.MemoryAnomaly),
        SimulatedAlarm.FromEvent(SampleAlarmEvents.Composite),
        SimulatedAlarm.FromEvent(SampleAlarmEvents.LambdaMetricMath),
    ];

    [Fact]
    public void A_metric_alarm_payload_gives_its_metric_and_the_threshold_comparison_and_counts_from_the_reason()
    {
        var alarm = SimulatedAlarm.FromEvent(SampleAlarmEvents.Restarts);

        Assert.Equal(("prod-shop-checkout-restarts", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts"), (alarm.AlarmName, alarm.AlarmArn));
        Assert.False(alarm.IsComposite);
        Assert.Equal(("ALARM", "OK"), (alarm.StateValue, alarm.PreviousStateValue));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:01:05.115Z", CultureInfo.InvariantCulture), alarm.StateTimestamp);
        Assert.Equal(5.0, alarm.Threshold);
        Assert.Equal("GreaterThanOrEqualToThreshold", alarm.ComparisonOperator);
        Assert.Equal((3, 3), (alarm.DatapointsToAlarm, alarm.EvaluationPeriods));
        var metric = Assert.Single(alarm.Metrics);
        Assert.Equal(("ContainerInsights", "pod_number_of_container_restarts", "Maximum", 60), (metric.Namespace, metric.MetricName, metric.Stat, metric.Period));
        Assert.Equal("checkout", metric.Dimensions["PodName"]);
    }

    [Fact]
    public void An_anomaly_alarm_payload_has_no_threshold_but_the_band_id_and_the_band_comparison()
    {
        var alarm = SimulatedAlarm.FromEvent(SampleAlarmEvents.MemoryAnomaly);

        Assert.Null(alarm.Threshold);
        Assert.Equal("ad1", alarm.ThresholdMetricId);
        Assert.Equal("LessThanLowerOrGreaterThanUpperThreshold", alarm.ComparisonOperator);
        Assert.Equal((3, 3), (alarm.DatapointsToAlarm, alarm.EvaluationPeriods));
    }

    [Fact]
    public void A_composite_alarm_payload_gives_the_rule_and_the_suppressor_as_an_arn()
    {
        var alarm = SimulatedAlarm.FromEvent(SampleAlarmEvents.Composite);

        Assert.True(alarm.IsComposite);
        Assert.Equal("ALARM(prod-shop-checkout-restarts) OR ALARM(\"prod-node-memory-anomaly\")", alarm.AlarmRule);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-maintenance-window", alarm.ActionsSuppressor);
        Assert.Equal((120, 180), (alarm.ActionsSuppressorWaitPeriod, alarm.ActionsSuppressorExtensionPeriod));
        Assert.Equal("WaitPeriod", alarm.ActionsSuppressedBy);
        Assert.Empty(alarm.Metrics);
    }

    [Fact]
    public void A_lambda_alarm_action_payload_reads_like_the_EventBridge_one()
    {
        var alarm = SimulatedAlarm.FromEvent(SampleAlarmEvents.LambdaMetricMath);

        Assert.Equal(("orders-success-ratio", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-success-ratio"), (alarm.AlarmName, alarm.AlarmArn));
        Assert.Equal(["e1", "m1", "m2"], alarm.Metrics.Select(m => m.Id));
        Assert.Equal([true, false, false], alarm.Metrics.Select(m => m.ReturnData));
        Assert.Equal((10.0, "LessThanThreshold", 1, 1), (alarm.Threshold!.Value, alarm.ComparisonOperator, alarm.DatapointsToAlarm!.Value, alarm.EvaluationPeriods!.Value));
    }

    [Theory]
    [InlineData("""{"detail-type":"CloudWatch Alarm Configuration Change"}""", "$.detail-type")]
    [InlineData("""{"detail-type":"CloudWatch Alarm State Change","resources":["arn"],"detail":{"alarmName":"a","state":{"value":"BROKEN","timestamp":"2026-11-20T10:00:00Z"}}}""", "$.detail.state.value")]
    [InlineData("""{"alarmArn":"arn","alarmData":{"alarmName":"a"}}""", "$.alarmData.state")]
    [InlineData("[1]", "$")]
    public void A_payload_that_is_not_an_alarm_state_change_is_refused_with_the_json_path(string json, string path)
    {
        var error = Assert.Throws<FormatException>(() => SimulatedAlarm.FromEvent(json));

        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeAlarms_describes_a_single_metric_alarm_with_its_metric_at_the_top_level()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var result = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = ["prod-shop-checkout-restarts"] }, TestContext.Current.CancellationToken);

        var alarm = Assert.Single(result.MetricAlarms);
        Assert.Empty(result.CompositeAlarms);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts", alarm.AlarmArn);
        Assert.Equal("Container restarts of shop/checkout at or above 5.", alarm.AlarmDescription);
        Assert.Equal(("ContainerInsights", "pod_number_of_container_restarts", "Maximum", 60), (alarm.Namespace, alarm.MetricName, alarm.Statistic, alarm.Period!.Value));
        Assert.Equal([new Dimension("ClusterName", "prod-eks"), new Dimension("Namespace", "shop"), new Dimension("PodName", "checkout")], alarm.Dimensions);
        Assert.Equal((3, 3, 5.0), (alarm.EvaluationPeriods!.Value, alarm.DatapointsToAlarm!.Value, alarm.Threshold!.Value));
        Assert.Equal(("GreaterThanOrEqualToThreshold", "missing"), (alarm.ComparisonOperator, alarm.TreatMissingData));
        Assert.Equal("ALARM", alarm.StateValue);
        Assert.StartsWith("Threshold Crossed: 3 out of the last 3 datapoints", alarm.StateReason, StringComparison.Ordinal);
        Assert.Equal(5.0, JsonDocument.Parse(alarm.StateReasonData!).RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:01:05.115Z", CultureInfo.InvariantCulture), alarm.StateUpdatedTimestamp);
        Assert.Equal(alarm.StateUpdatedTimestamp, alarm.StateTransitionedTimestamp);
        Assert.Equal(DateTimeOffset.Parse("2026-11-17T08:02:04.351Z", CultureInfo.InvariantCulture), alarm.AlarmConfigurationUpdatedTimestamp);
        Assert.True(alarm.ActionsEnabled);
        Assert.Empty(alarm.Metrics);
    }

    [Fact]
    public async Task DescribeAlarms_describes_math_and_anomaly_alarms_with_their_queries()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var result = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = ["orders-success-ratio", "prod-node-memory-anomaly"] }, TestContext.Current.CancellationToken);

        Assert.Equal(["orders-success-ratio", "prod-node-memory-anomaly"], result.MetricAlarms.Select(a => a.AlarmName));
        var math = result.MetricAlarms[0];
        Assert.Null(math.MetricName);
        Assert.Equal(["e1", "m1", "m2"], math.Metrics.Select(m => m.Id));
        Assert.Equal("m1/m2", math.Metrics[0].Expression);
        Assert.Equal(("AWS/Lambda", "Invocations", "SampleCount", 60), (math.Metrics[1].MetricStat!.Metric.Namespace, math.Metrics[1].MetricStat!.Metric.MetricName, math.Metrics[1].MetricStat!.Stat, math.Metrics[1].MetricStat!.Period));
        Assert.Equal([true, false, false], math.Metrics.Select(m => m.ReturnData ?? true));
        var anomaly = result.MetricAlarms[1];
        Assert.Equal(("ad1", "LessThanLowerOrGreaterThanUpperThreshold"), (anomaly.ThresholdMetricId, anomaly.ComparisonOperator));
        Assert.Null(anomaly.Threshold);
        Assert.Equal("node_memory_utilization (expected)", anomaly.Metrics[1].Label);
    }

    [Fact]
    public async Task DescribeAlarms_describes_a_composite_alarm_with_its_rule_and_suppression()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var result = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = "prod-checkout" }, TestContext.Current.CancellationToken);

        var composite = Assert.Single(result.CompositeAlarms);
        Assert.Empty(result.MetricAlarms);
        Assert.Equal("ALARM(prod-shop-checkout-restarts) OR ALARM(\"prod-node-memory-anomaly\")", composite.AlarmRule);
        Assert.Equal(("WaitPeriod", "Actions suppressed by WaitPeriod"), (composite.ActionsSuppressedBy, composite.ActionsSuppressedReason));
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-maintenance-window", composite.ActionsSuppressor);
        Assert.Equal((120, 180), (composite.ActionsSuppressorWaitPeriod!.Value, composite.ActionsSuppressorExtensionPeriod!.Value));
    }

    [Fact]
    public async Task Without_AlarmTypes_the_service_answers_metric_alarms_only()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var body = await new AwsJsonClient(clients.Pipeline, AwsJsonService.CloudWatch).InvokeRawAsync("DescribeAlarms", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        using var response = JsonDocument.Parse(body);
        Assert.Equal(3, response.RootElement.GetProperty("MetricAlarms").GetArrayLength());
        Assert.Equal(0, response.RootElement.GetProperty("CompositeAlarms").GetArrayLength());
    }

    [Fact]
    public async Task DescribeAlarms_filters_by_state_and_action_prefix()
    {
        var ok = SimulatedAlarm.FromEvent(SampleAlarmEvents.Restarts) with { AlarmName = "calm", StateValue = "OK", AlarmActions = ["arn:aws:sns:us-east-1:123456789012:pager"] };
        await using var clients = await SimulatorClients.StartAsync(Data([.. AllSamples(), ok]));

        var alarming = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { StateValue = AlarmStateValue.Alarm }, TestContext.Current.CancellationToken);
        var paging = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { ActionPrefix = "arn:aws:sns:us-east-1:123456789012:pa" }, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("calm", alarming.MetricAlarms.Select(a => a.AlarmName));
        Assert.Equal(4, alarming.MetricAlarms.Count + alarming.CompositeAlarms.Count);
        Assert.Equal(["calm"], paging.MetricAlarms.Select(a => a.AlarmName));
    }

    [Fact]
    public async Task The_children_and_parents_of_a_composite_alarm_are_the_alarms_its_rule_names()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var children = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { ChildrenOfAlarmName = "prod-checkout-degraded", AlarmTypes = [] }, TestContext.Current.CancellationToken);
        var parents = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { ParentsOfAlarmName = "prod-node-memory-anomaly", AlarmTypes = [] }, TestContext.Current.CancellationToken);

        Assert.Equal(["prod-node-memory-anomaly", "prod-shop-checkout-restarts"], children.MetricAlarms.Select(a => a.AlarmName));
        Assert.All(children.MetricAlarms, a => Assert.Equal("ALARM", a.StateValue));
        Assert.Equal(["prod-checkout-degraded"], parents.CompositeAlarms.Select(a => a.AlarmName));
    }

    [Fact]
    public async Task DescribeAlarms_pages_with_MaxRecords_and_the_client_follows_the_tokens()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var result = await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { PageSize = 1 }, TestContext.Current.CancellationToken);

        Assert.Equal(4, result.Pages);
        Assert.Equal(["orders-success-ratio", "prod-node-memory-anomaly", "prod-shop-checkout-restarts"], result.MetricAlarms.Select(a => a.AlarmName));
        Assert.Single(result.CompositeAlarms);
    }

    [Fact]
    public async Task Names_and_a_prefix_together_are_an_invalid_combination()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudWatch.DescribeAlarmsAsync(
            new DescribeAlarmsRequest { AlarmNames = ["a"], AlarmNamePrefix = "b" }, TestContext.Current.CancellationToken));

        Assert.Equal(("InvalidParameterCombination", System.Net.HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task The_history_holds_the_transition_with_both_states_and_their_reason_data()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var history = await clients.CloudWatch.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest { AlarmName = "prod-shop-checkout-restarts" }, TestContext.Current.CancellationToken);

        var item = Assert.Single(history.AlarmHistoryItems);
        Assert.Equal(("StateUpdate", "MetricAlarm", "Alarm updated from OK to ALARM"), (item.HistoryItemType, item.AlarmType, item.HistorySummary));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:01:05.115Z", CultureInfo.InvariantCulture), item.Timestamp);
        using var data = JsonDocument.Parse(item.HistoryData!);
        Assert.Equal("OK", data.RootElement.GetProperty("oldState").GetProperty("stateValue").GetString());
        Assert.Equal("ALARM", data.RootElement.GetProperty("newState").GetProperty("stateValue").GetString());
        Assert.Equal(7.0, data.RootElement.GetProperty("newState").GetProperty("stateReasonData").GetProperty("evaluatedDatapoints")[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task The_history_of_every_alarm_comes_newest_first_and_filters_by_type_and_time()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(AllSamples()));

        var all = await clients.CloudWatch.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest(), TestContext.Current.CancellationToken);
        var configuration = await clients.CloudWatch.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest { HistoryItemType = AlarmHistoryItemType.ConfigurationUpdate }, TestContext.Current.CancellationToken);
        var early = await clients.CloudWatch.DescribeAlarmHistoryAsync(
            new DescribeAlarmHistoryRequest { EndDate = Now.AddMinutes(-3), ScanBy = ScanBy.TimestampAscending, PageSize = 1 }, TestContext.Current.CancellationToken);

        Assert.Equal(["prod-checkout-degraded", "prod-shop-checkout-restarts", "orders-success-ratio", "prod-node-memory-anomaly"], all.AlarmHistoryItems.Select(i => i.AlarmName));
        Assert.Empty(configuration.AlarmHistoryItems);
        Assert.Equal(["prod-node-memory-anomaly", "orders-success-ratio"], early.AlarmHistoryItems.Select(i => i.AlarmName));
        Assert.Equal(2, early.Pages);
    }

    [Fact]
    public async Task Two_payloads_of_one_alarm_describe_the_latest_state_and_add_two_history_items()
    {
        var first = SimulatedAlarm.FromEvent(SampleAlarmEvents.Restarts);
        var recovered = first with
        {
            StateValue = "OK",
            StateReason = "recovered",
            StateTimestamp = Now,
            PreviousStateValue = "ALARM",
            PreviousStateReason = first.StateReason,
            PreviousStateTimestamp = first.StateTimestamp,
        };
        await using var clients = await SimulatorClients.StartAsync(Data(first, recovered));

        var alarm = Assert.Single((await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(), TestContext.Current.CancellationToken)).MetricAlarms);
        var history = await clients.CloudWatch.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest { AlarmName = first.AlarmName }, TestContext.Current.CancellationToken);

        Assert.Equal(("OK", Now), (alarm.StateValue, alarm.StateUpdatedTimestamp!.Value));
        Assert.Equal(["Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM"], history.AlarmHistoryItems.Select(i => i.HistorySummary));
    }
}
