using System.Text.Json.Nodes;

namespace EksOps.Alarms.Tests;

public sealed class ModelTests
{
    private static AlarmKind KindWithExpressions(params string[] expressions)
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        var metrics = node["detail"]!["configuration"]!["metrics"]!.AsArray();
        for (int i = 0; i < expressions.Length; i++)
        {
            metrics.Add(new JsonObject { ["id"] = $"e{i}", ["expression"] = expressions[i], ["returnData"] = false });
        }

        return AlarmEventParser.Parse(node.ToJsonString()).Kind;
    }

    [Theory]
    [InlineData(AlarmKind.Metric)]
    [InlineData(AlarmKind.MetricMath, "m1 * 100")]
    [InlineData(AlarmKind.MetricMath, "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", InstanceId)")]
    [InlineData(AlarmKind.AnomalyDetection, "ANOMALY_DETECTION_BAND(m1, 2)")]
    [InlineData(AlarmKind.AnomalyDetection, "anomaly_detection_band (m1)")]
    [InlineData(AlarmKind.AnomalyDetection, "m1 * 2", "ANOMALY_DETECTION_BAND(m1)")]
    [InlineData(AlarmKind.MetricMath, "MY_ANOMALY_DETECTION_BAND(m1)")]
    [InlineData(AlarmKind.MetricMath, "FILL(m1, 0) /* ANOMALY_DETECTION_BAND */")]
    public void Alarm_kind_follows_from_the_expressions(AlarmKind expected, params string[] expressions)
    {
        Assert.Equal(expected, KindWithExpressions(expressions));
    }

    [Fact]
    public void An_alarm_rule_makes_an_alarm_composite_even_when_metrics_are_present()
    {
        var node = EventFiles.Node("cloudwatch-alarm-anomaly.json");
        node["detail"]!["configuration"]!["alarmRule"] = "ALARM(a)";

        Assert.Equal(AlarmKind.Composite, AlarmEventParser.Parse(node.ToJsonString()).Kind);
    }

    [Fact]
    public void Missing_configuration_gives_an_empty_configuration_and_a_metric_kind()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!.AsObject().Remove("configuration");

        var change = AlarmEventParser.Parse(node.ToJsonString());

        Assert.Same(AlarmConfiguration.Empty, change.Configuration);
        Assert.Empty(change.Configuration.Metrics);
        Assert.Equal(AlarmKind.Metric, change.Kind);
    }

    [Fact]
    public void Missing_previous_state_and_reason_are_tolerated()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!.AsObject().Remove("previousState");
        node["detail"]!["state"]!.AsObject().Remove("reason");

        var change = AlarmEventParser.Parse(node.ToJsonString());

        Assert.Null(change.PreviousState);
        Assert.Equal(string.Empty, change.State.Reason);
    }

    [Fact]
    public void Missing_return_data_defaults_to_true_and_unit_is_read()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        var metric = node["detail"]!["configuration"]!["metrics"]![0]!.AsObject();
        metric.Remove("returnData");
        metric["metricStat"]!["unit"] = "Percent";

        var parsed = AlarmEventParser.Parse(node.ToJsonString()).Configuration.Metrics[0];

        Assert.True(parsed.ReturnData);
        Assert.Equal("Percent", parsed.MetricStat!.Unit);
    }

    [Fact]
    public void Dimensions_are_ordinal_and_read_only()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        var dimensions = node["detail"]!["configuration"]!["metrics"]![0]!["metricStat"]!["metric"]!["dimensions"]!.AsObject();
        dimensions["ClusterName"] = "prod";
        dimensions["clustername"] = "other";

        var stat = AlarmEventParser.Parse(node.ToJsonString()).Configuration.Metrics[0].MetricStat!;

        Assert.Equal(3, stat.Dimensions.Count);
        Assert.Equal("prod", stat.Dimensions["ClusterName"]);
        Assert.Equal("other", stat.Dimensions["clustername"]);
        Assert.False(stat.Dimensions.ContainsKey("CLUSTERNAME"));
        var asDictionary = Assert.IsAssignableFrom<IDictionary<string, string>>(stat.Dimensions);
        Assert.True(asDictionary.IsReadOnly);
    }

    [Fact]
    public void Lists_in_the_model_cannot_be_modified_through_a_cast()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-metric-math.json");

        var metrics = Assert.IsAssignableFrom<IList<AlarmMetric>>(change.Configuration.Metrics);
        Assert.True(metrics.IsReadOnly);
        Assert.ThrowsAny<NotSupportedException>(() => metrics[0] = metrics[1]);
        var datapoints = Assert.IsAssignableFrom<IList<double>>(change.State.ReasonData!.RecentDatapoints);
        Assert.ThrowsAny<NotSupportedException>(() => datapoints.Add(1));
    }

    [Fact]
    public void Unknown_members_in_the_envelope_and_alarm_data_are_ignored()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["replay-name"] = "replay-1";
        node["detail"]!["futureField"] = new JsonArray(1, 2);
        node["detail"]!["state"]!["evaluationState"] = "PARTIAL_DATA";

        var change = AlarmEventParser.Parse(node.ToJsonString());

        Assert.Equal("ServerCpuTooHigh", change.AlarmName);
        Assert.Equal(AlarmStateValue.Alarm, change.State.Value);
    }

    [Fact]
    public void The_event_source_is_not_checked_so_test_events_from_a_custom_source_parse()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["source"] = "eksops.test";

        Assert.Equal(AlarmEventShape.EventBridge, AlarmEventParser.Parse(node.ToJsonString()).Source);
    }

    [Fact]
    public void The_same_transition_in_both_shapes_gives_the_same_alarm_data()
    {
        var eventBridge = EventFiles.Node("cloudwatch-alarm-anomaly.json");
        var action = new JsonObject
        {
            ["source"] = "aws.cloudwatch",
            ["alarmArn"] = eventBridge["resources"]![0]!.DeepClone(),
            ["accountId"] = eventBridge["account"]!.DeepClone(),
            ["time"] = "2019-10-03T16:00:04.653+0000",
            ["region"] = eventBridge["region"]!.DeepClone(),
            ["alarmData"] = eventBridge["detail"]!.DeepClone(),
        };

        var fromEventBridge = AlarmEventParser.Parse(eventBridge.ToJsonString());
        var fromAction = AlarmEventParser.Parse(action.ToJsonString());

        Assert.Equal(AlarmEventShape.EventBridge, fromEventBridge.Source);
        Assert.Equal(AlarmEventShape.AlarmAction, fromAction.Source);
        Assert.Equal(fromEventBridge.AlarmArn, fromAction.AlarmArn);
        Assert.Equal(fromEventBridge.AlarmName, fromAction.AlarmName);
        Assert.Equal(fromEventBridge.Kind, fromAction.Kind);
        Assert.Equal(fromEventBridge.State with { ReasonData = null }, fromAction.State with { ReasonData = null });
        Assert.Equal(IncidentKeys.ExecutionName(fromEventBridge), IncidentKeys.ExecutionName(fromAction));
    }
}
