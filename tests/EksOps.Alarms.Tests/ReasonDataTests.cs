using System.Text.Json.Nodes;

namespace EksOps.Alarms.Tests;

public sealed class ReasonDataTests
{
    private static AlarmState ParseWithStateReasonData(string reasonData)
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!["state"]!["reasonData"] = reasonData;
        return AlarmEventParser.Parse(node.ToJsonString()).State;
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\":\"1.0\",")]
    [InlineData("")]
    public void Reason_data_that_is_not_json_keeps_the_raw_string_and_does_not_fail_the_event(string reasonData)
    {
        var state = ParseWithStateReasonData(reasonData);

        Assert.Equal(AlarmStateValue.Alarm, state.Value);
        Assert.Equal(reasonData, state.ReasonDataJson);
        Assert.Null(state.ReasonData);
        Assert.NotNull(state.ReasonDataError);
        Assert.StartsWith("$.detail.state.reasonData: expected a string holding a JSON document but its content is not valid JSON", state.ReasonDataError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "$.detail.state.reasonData: expected a string holding a JSON object but found an array")]
    [InlineData("{\"period\":\"sixty\"}", "$.detail.state.reasonData.period: expected an integer but found \"sixty\"")]
    [InlineData("{\"threshold\":\"high\"}", "$.detail.state.reasonData.threshold: expected a number but found \"high\"")]
    [InlineData("{\"recentDatapoints\":[1.0,\"x\"]}", "$.detail.state.reasonData.recentDatapoints[1]: expected a number but found \"x\"")]
    [InlineData("{\"queryDate\":\"today\"}", "$.detail.state.reasonData.queryDate: expected an ISO-8601 timestamp")]
    [InlineData("{\"triggeringAlarms\":[{\"arn\":\"a\",\"state\":{\"value\":\"RED\",\"timestamp\":\"2022-07-22T15:57:45.394+0000\"}}]}", "$.detail.state.reasonData.triggeringAlarms[0].state.value: expected one of OK, ALARM, INSUFFICIENT_DATA but found \"RED\"")]
    [InlineData("{\"evaluatedDatapoints\":[{\"value\":1.0}]}", "$.detail.state.reasonData.evaluatedDatapoints[0].timestamp: expected an ISO-8601 timestamp")]
    public void Reason_data_with_an_unexpected_shape_is_reported_with_its_inner_path_without_failing_the_event(string reasonData, string expectedError)
    {
        var state = ParseWithStateReasonData(reasonData);

        Assert.Null(state.ReasonData);
        Assert.Equal(reasonData, state.ReasonDataJson);
        Assert.StartsWith(expectedError, state.ReasonDataError, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_data_json_null_is_treated_as_absent()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!["state"]!["reasonData"] = null;

        var state = AlarmEventParser.Parse(node.ToJsonString()).State;

        Assert.Null(state.ReasonDataJson);
        Assert.Null(state.ReasonData);
        Assert.Null(state.ReasonDataError);
    }

    [Fact]
    public void Unknown_reason_data_members_are_ignored_and_unit_is_read()
    {
        var state = ParseWithStateReasonData(
            "{\"version\":\"1.0\",\"unit\":\"Percent\",\"somethingNew\":{\"nested\":[1]},\"recentDatapoints\":[1.5,2.5],\"threshold\":2}");

        Assert.NotNull(state.ReasonData);
        Assert.Equal("Percent", state.ReasonData.Unit);
        Assert.Equal([1.5, 2.5], state.ReasonData.RecentDatapoints);
        Assert.Equal(2.0, state.ReasonData.Threshold);
    }

    [Fact]
    public void Evaluated_datapoint_without_a_value_has_a_null_value()
    {
        var state = ParseWithStateReasonData("{\"evaluatedDatapoints\":[{\"timestamp\":\"2024-02-17T11:51:00.000+0000\"}]}");

        var point = Assert.Single(state.ReasonData!.EvaluatedDatapoints);
        Assert.Null(point.Value);
        Assert.Null(point.SampleCount);
        Assert.Equal(EventFiles.Utc(2024, 2, 17, 11, 51, 0), point.Timestamp);
    }

    [Fact]
    public void A_bad_previous_state_reason_data_does_not_affect_the_new_state()
    {
        var node = EventFiles.Node("cloudwatch-alarm-anomaly.json");
        node["detail"]!["previousState"]!["reasonData"] = "{broken";

        var change = AlarmEventParser.Parse(node.ToJsonString());

        Assert.NotNull(change.State.ReasonData);
        Assert.Null(change.PreviousState!.ReasonData);
        Assert.StartsWith("$.detail.previousState.reasonData:", change.PreviousState.ReasonDataError, StringComparison.Ordinal);
    }
}
