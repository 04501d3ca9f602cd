using System.Text.Json.Nodes;

namespace EksOps.Alarms.Tests;

public sealed class RejectionTests
{
    [Theory]
    [InlineData("cloudwatch-alarm-config-create-composite.json")]
    [InlineData("cloudwatch-alarm-config-create-composite-suppressor.json")]
    [InlineData("cloudwatch-alarm-config-update-metric.json")]
    [InlineData("cloudwatch-alarm-config-update-composite-suppressor.json")]
    [InlineData("cloudwatch-alarm-config-delete-metric-math.json")]
    [InlineData("cloudwatch-alarm-config-delete-composite-suppressor.json")]
    public void Configuration_change_events_are_rejected_as_not_being_state_changes(string file)
    {
        var ex = Assert.Throws<InvalidAlarmEventException>(() => EventFiles.Parse(file));

        Assert.Equal("$.detail-type", ex.JsonPath);
        Assert.StartsWith("$.detail-type: expected \"CloudWatch Alarm State Change\" but found \"CloudWatch Alarm Configuration Change\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not state changes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrelated_lambda_event_is_rejected_as_not_an_alarm_event()
    {
        var ex = Assert.Throws<InvalidAlarmEventException>(() => EventFiles.Parse("lambda-function-url-event.json"));

        Assert.Equal(
            "$: not a CloudWatch alarm state-change event: expected an EventBridge envelope with detail-type \"CloudWatch Alarm State Change\" or an alarm-action payload with alarmData",
            ex.Message);
    }

    [Theory]
    [InlineData("", "$: expected a JSON object but the input is empty")]
    [InlineData("   ", "$: expected a JSON object but the input is not valid JSON")]
    [InlineData("null", "$: expected a JSON object (a CloudWatch alarm state-change event) but found null")]
    [InlineData("[]", "$: expected a JSON object (a CloudWatch alarm state-change event) but found an array")]
    [InlineData("42", "$: expected a JSON object (a CloudWatch alarm state-change event) but found the number 42")]
    [InlineData("\"ALARM\"", "$: expected a JSON object (a CloudWatch alarm state-change event) but found \"ALARM\"")]
    [InlineData("{}", "$: not a CloudWatch alarm state-change event")]
    [InlineData("{\"version\":\"0\",\"detail-type\":\"CloudWatch Alarm State Chan", "$: expected a JSON object but the input is not valid JSON")]
    [InlineData("{\"detail-type\":\"CloudWatch Alarm State Change\"} trailing", "$: expected a JSON object but the input is not valid JSON")]
    [InlineData("{\"detail-type\":\"EC2 Instance State-change Notification\"}", "$.detail-type: expected \"CloudWatch Alarm State Change\" but found \"EC2 Instance State-change Notification\"")]
    [InlineData("{\"detail-type\":7}", "$.detail-type: expected \"CloudWatch Alarm State Change\" but found the number 7")]
    public void Malformed_payloads_are_rejected_with_a_message_naming_the_path(string json, string expectedStart)
    {
        var ex = EventFiles.Reject(json);

        Assert.StartsWith(expectedStart, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.JsonPath);
        Assert.StartsWith(ex.JsonPath + ": ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_keeps_the_json_exception_as_the_inner_exception()
    {
        var ex = EventFiles.Reject("{\"alarmData\": {");

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
        Assert.Equal("$", ex.JsonPath);
    }

    [Fact]
    public void A_default_json_element_is_rejected_rather_than_throwing_invalid_operation()
    {
        var ex = Assert.Throws<InvalidAlarmEventException>(() => AlarmEventParser.Parse(default(System.Text.Json.JsonElement)));

        Assert.Equal("$: expected a JSON object (a CloudWatch alarm state-change event) but found nothing", ex.Message);
    }

    [Fact]
    public void Unknown_state_value_is_rejected_naming_the_allowed_values()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!["state"]!["value"] = "FOO";

        var ex = EventFiles.Reject(node);

        Assert.Equal("$.detail.state.value: expected one of OK, ALARM, INSUFFICIENT_DATA but found \"FOO\"", ex.Message);
        Assert.Equal("$.detail.state.value", ex.JsonPath);
    }

    [Fact]
    public void Lowercase_state_value_is_rejected_because_cloudwatch_sends_uppercase()
    {
        var node = EventFiles.Node("cloudwatch-alarm-lambda-action-single.json");
        node["alarmData"]!["previousState"]!["value"] = "ok";

        var ex = EventFiles.Reject(node);

        Assert.Equal("$.alarmData.previousState.value: expected one of OK, ALARM, INSUFFICIENT_DATA but found \"ok\"", ex.Message);
    }

    public static TheoryData<string, string, string> MissingOrWrongMembers => new()
    {
        // sample file, member to remove or replace (path segments separated by '/'), expected message start
        { "cloudwatch-alarm-metric.json", "detail", "$.detail: expected an object but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/alarmName", "$.detail.alarmName: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/state", "$.detail.state: expected an object but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/state/value", "$.detail.state.value: expected one of OK, ALARM, INSUFFICIENT_DATA but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/state/timestamp", "$.detail.state.timestamp: expected an ISO-8601 timestamp" },
        { "cloudwatch-alarm-metric.json", "resources", "$.resources: expected a non-empty array holding the alarm ARN but the property is missing" },
        { "cloudwatch-alarm-metric.json", "account", "$.account: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-metric.json", "region", "$.region: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-metric.json", "time", "$.time: expected an ISO-8601 timestamp" },
        { "cloudwatch-alarm-metric.json", "detail/configuration/metrics/0/metricStat/metric/name", "$.detail.configuration.metrics[0].metricStat.metric.name: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/configuration/metrics/0/metricStat/period", "$.detail.configuration.metrics[0].metricStat.period: expected an integer but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/configuration/metrics/0/id", "$.detail.configuration.metrics[0].id: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-metric.json", "detail/configuration/metrics/0/metricStat", "$.detail.configuration.metrics[0]: expected either metricStat or expression but found neither" },
        { "cloudwatch-alarm-lambda-action-single.json", "alarmData", "$: not a CloudWatch alarm state-change event" },
        { "cloudwatch-alarm-lambda-action-single.json", "alarmArn", "$.alarmArn: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-lambda-action-single.json", "accountId", "$.accountId: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-lambda-action-single.json", "alarmData/alarmName", "$.alarmData.alarmName: expected a non-empty string but the property is missing" },
        { "cloudwatch-alarm-lambda-action-single.json", "alarmData/state", "$.alarmData.state: expected an object but the property is missing" },
    };

    [Theory]
    [MemberData(nameof(MissingOrWrongMembers))]
    public void Missing_required_members_are_rejected_with_their_path(string file, string member, string expectedStart)
    {
        var node = EventFiles.Node(file);
        var (parent, key) = Locate(node, member);
        Remove(parent, key);

        var ex = EventFiles.Reject(node);

        Assert.StartsWith(expectedStart, ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> WrongValues => new()
    {
        // member path in the metric sample, replacement JSON, expected message start
        { "detail", "[]", "$.detail: expected an object but found an array" },
        { "detail", "null", "$.detail: expected an object but found null" },
        { "detail/alarmName", "\"\"", "$.detail.alarmName: expected a non-empty string but found \"\"" },
        { "detail/alarmName", "42", "$.detail.alarmName: expected a non-empty string but found the number 42" },
        { "detail/state", "\"ALARM\"", "$.detail.state: expected an object but found \"ALARM\"" },
        { "detail/state/timestamp", "\"yesterday\"", "$.detail.state.timestamp: expected an ISO-8601 timestamp with an offset, such as \"2019-10-02T17:04:40.989+0000\" but found \"yesterday\"" },
        { "detail/state/timestamp", "\"2019-10-02T17:04:40.989\"", "$.detail.state.timestamp: expected an ISO-8601 timestamp with an offset" },
        { "detail/state/timestamp", "\"02/10/2019 17:04:40\"", "$.detail.state.timestamp: expected an ISO-8601 timestamp with an offset" },
        { "detail/state/reasonData", "{\"threshold\":50}", "$.detail.state.reasonData: expected a string holding a JSON document but found an object" },
        { "detail/state/reason", "false", "$.detail.state.reason: expected a string but found false" },
        { "detail/previousState", "\"OK\"", "$.detail.previousState: expected an object but found \"OK\"" },
        { "resources", "[]", "$.resources: expected a non-empty array holding the alarm ARN but found an array" },
        { "resources", "\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh\"", "$.resources: expected a non-empty array holding the alarm ARN but found \"arn:aws:cloudwatch" },
        { "resources/0", "null", "$.resources[0]: expected a non-empty string but found null" },
        { "time", "1570035880", "$.time: expected an ISO-8601 timestamp with an offset" },
        { "detail/configuration", "[]", "$.detail.configuration: expected an object but found an array" },
        { "detail/configuration/metrics", "{}", "$.detail.configuration.metrics: expected an array of objects but found an object" },
        { "detail/configuration/metrics/0", "\"m1\"", "$.detail.configuration.metrics[0]: expected an object but found \"m1\"" },
        { "detail/configuration/metrics/0/returnData", "\"yes\"", "$.detail.configuration.metrics[0].returnData: expected true or false but found \"yes\"" },
        { "detail/configuration/metrics/0/expression", "\"m1 * 2\"", "$.detail.configuration.metrics[0]: expected either metricStat or expression but found both" },
        { "detail/configuration/metrics/0/metricStat/period", "\"300\"", "$.detail.configuration.metrics[0].metricStat.period: expected an integer but found \"300\"" },
        { "detail/configuration/metrics/0/metricStat/period", "300.5", "$.detail.configuration.metrics[0].metricStat.period: expected an integer but found the number 300.5" },
        { "detail/configuration/metrics/0/metricStat/metric/dimensions/InstanceId", "1", "$.detail.configuration.metrics[0].metricStat.metric.dimensions.InstanceId: expected a string but found the number 1" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void Wrongly_typed_members_are_rejected_with_their_path_and_the_value_found(string member, string replacementJson, string expectedStart)
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        var (parent, key) = Locate(node, member);
        Replace(parent, key, JsonNode.Parse(replacementJson));

        var ex = EventFiles.Reject(node);

        Assert.StartsWith(expectedStart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimension_names_that_are_not_identifiers_are_quoted_in_the_path()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!["configuration"]!["metrics"]![0]!["metricStat"]!["metric"]!["dimensions"]!["Cluster Name"] = 5;

        var ex = EventFiles.Reject(node);

        Assert.StartsWith("$.detail.configuration.metrics[0].metricStat.metric.dimensions['Cluster Name']: expected a string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_long_offending_strings_are_truncated_in_the_message()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["detail"]!["state"]!["value"] = new string('X', 10_000);

        var ex = EventFiles.Reject(node);

        Assert.True(ex.Message.Length < 300, $"message has {ex.Message.Length} characters");
        Assert.EndsWith("…\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_with_only_detail_and_no_detail_type_is_rejected()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node.Remove("detail-type");

        var ex = EventFiles.Reject(node);

        Assert.Equal("$", ex.JsonPath);
        Assert.Contains("detail-type \"CloudWatch Alarm State Change\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_string_argument_is_an_argument_null_exception()
    {
        Assert.Throws<ArgumentNullException>(() => AlarmEventParser.Parse((string)null!));
    }

    /// <summary>Finds the parent node and the key (property name or array index) of a '/'-separated member path.</summary>
    internal static (JsonNode Parent, string Key) Locate(JsonNode root, string member)
    {
        string[] segments = member.Split('/');
        JsonNode parent = root;
        foreach (string segment in segments[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : parent[segment]!;
        }

        return (parent, segments[^1]);
    }

    internal static void Remove(JsonNode parent, string key)
    {
        if (parent is JsonArray array)
        {
            array.RemoveAt(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.True(parent.AsObject().Remove(key), $"sample has no member {key}");
        }
    }

    internal static void Replace(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonArray array)
        {
            array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[key] = value;
        }
    }
}
