using System.Text.Json;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

public sealed class CloudWatchClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static GetMetricDataRequest CpuAndDoubledCpu() => new()
    {
        MetricDataQueries =
        [
            MetricDataQuery.ForMetric("cpu", new MetricStat
            {
                Metric = new Metric { Namespace = "ContainerInsights", MetricName = "pod_cpu_utilization", Dimensions = [new("ClusterName", "prod"), new("PodName", "api")] },
                Period = 60,
                Stat = "p99",
                Unit = "Percent",
            }),
            MetricDataQuery.ForExpression("doubled", "cpu * 2", label: "twice", period: 60) with { ReturnData = true },
        ],
        StartTime = Start,
        EndTime = Start.AddMinutes(10).AddMilliseconds(500),
        ScanBy = ScanBy.TimestampAscending,
        MaxDatapoints = 500,
    };

    [Fact]
    public async Task GetMetricData_sends_AWS_JSON_1_0_with_the_CloudWatch_target_and_query_mode()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"MetricDataResults":[]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new CloudWatchClient(pipeline).GetMetricDataAsync(CpuAndDoubledCpu(), TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.PathAndQuery);
        Assert.Equal("GraniteServiceVersion20100801.GetMetricData", request.Target);
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal("true", request.Header("x-amzn-query-mode"));
        Assert.Contains("/us-east-1/monitoring/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetricData_serialises_queries_times_as_epoch_seconds_and_omits_nulls()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"MetricDataResults":[]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new CloudWatchClient(pipeline).GetMetricDataAsync(CpuAndDoubledCpu(), TestContext.Current.CancellationToken);

        var body = server.Requests[0].Json;
        Assert.Equal(Start.ToUnixTimeSeconds(), body.GetProperty("StartTime").GetInt64());
        Assert.Equal(Start.AddMinutes(10).ToUnixTimeSeconds() + 0.5m, body.GetProperty("EndTime").GetDecimal());
        Assert.Equal("TimestampAscending", body.GetProperty("ScanBy").GetString());
        Assert.Equal(500, body.GetProperty("MaxDatapoints").GetInt32());
        Assert.False(body.TryGetProperty("NextToken", out _));

        var cpu = body.GetProperty("MetricDataQueries")[0];
        Assert.Equal("cpu", cpu.GetProperty("Id").GetString());
        Assert.False(cpu.TryGetProperty("Expression", out _));
        var stat = cpu.GetProperty("MetricStat");
        Assert.Equal("p99", stat.GetProperty("Stat").GetString());
        Assert.Equal(60, stat.GetProperty("Period").GetInt32());
        Assert.Equal("Percent", stat.GetProperty("Unit").GetString());
        Assert.Equal("ContainerInsights", stat.GetProperty("Metric").GetProperty("Namespace").GetString());
        Assert.Equal("PodName", stat.GetProperty("Metric").GetProperty("Dimensions")[1].GetProperty("Name").GetString());
        Assert.Equal("api", stat.GetProperty("Metric").GetProperty("Dimensions")[1].GetProperty("Value").GetString());

        var doubled = body.GetProperty("MetricDataQueries")[1];
        Assert.Equal("cpu * 2", doubled.GetProperty("Expression").GetString());
        Assert.Equal("twice", doubled.GetProperty("Label").GetString());
        Assert.True(doubled.GetProperty("ReturnData").GetBoolean());
        Assert.False(doubled.TryGetProperty("MetricStat", out _));
    }

    [Fact]
    public async Task GetMetricData_follows_NextToken_and_concatenates_each_query_across_pages()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Json("""
                {"MetricDataResults":[
                  {"Id":"cpu","Label":"cpu p99","Timestamps":[1772359200,1772359260],"Values":[10.5,11.0],"StatusCode":"PartialData"},
                  {"Id":"doubled","Label":"twice","Timestamps":[1772359200],"Values":[21.0],"StatusCode":"PartialData",
                   "Messages":[{"Code":"ArithmeticError","Value":"one datapoint skipped"}]}],
                 "NextToken":"page-2","Messages":[{"Code":"MaxMetricsExceeded","Value":"trimmed"}]}
                """),
            ScriptedResponse.Json("""
                {"MetricDataResults":[
                  {"Id":"cpu","Label":"cpu p99","Timestamps":[1772359320.5],"Values":[12.25],"StatusCode":"Complete"}]}
                """));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchClient(pipeline).GetMetricDataAsync(CpuAndDoubledCpu(), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Pages);
        Assert.False(result.Truncated);
        Assert.Equal("page-2", server.Requests[1].Json.GetProperty("NextToken").GetString());
        var cpu = result.Find("cpu")!;
        Assert.Equal([10.5, 11.0, 12.25], cpu.Values);
        Assert.Equal(
            [DateTimeOffset.FromUnixTimeSeconds(1772359200), DateTimeOffset.FromUnixTimeSeconds(1772359260), DateTimeOffset.FromUnixTimeMilliseconds(1772359320500)],
            cpu.Timestamps);
        Assert.Equal("Complete", cpu.StatusCode);
        Assert.Equal("cpu p99", cpu.Label);
        var doubled = result.Find("doubled")!;
        Assert.Equal("PartialData", doubled.StatusCode);
        Assert.Equal("ArithmeticError", Assert.Single(doubled.Messages).Code);
        Assert.Equal(["cpu", "doubled"], result.MetricDataResults.Select(r => r.Id));
        Assert.Equal("MaxMetricsExceeded", Assert.Single(result.Messages).Code);
    }

    [Fact]
    public async Task GetMetricData_stops_at_MaxPages_and_reports_truncation()
    {
        await using var server = LoopbackAwsServer.Start((_, n) => ScriptedResponse.Json(
            $$"""{"MetricDataResults":[{"Id":"cpu","Timestamps":[{{1772359200 + (n * 60)}}],"Values":[{{n}}]}],"NextToken":"t{{n + 1}}"}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchClient(pipeline).GetMetricDataAsync(CpuAndDoubledCpu() with { MaxPages = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, result.Pages);
        Assert.True(result.Truncated);
        Assert.Equal([0.0, 1.0, 2.0], result.Find("cpu")!.Values);
    }

    [Fact]
    public async Task A_NextToken_repeated_by_the_service_ends_paging_instead_of_looping()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"MetricAlarms":[{"AlarmName":"a"}],"NextToken":"same"}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchClient(pipeline).DescribeAlarmsAsync(new DescribeAlarmsRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, result.MetricAlarms.Count);
        Assert.False(result.Truncated);
    }

    [Fact]
    public async Task DescribeAlarms_asks_for_both_kinds_by_default_and_reads_metric_and_composite_alarms()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Json("""
                {"MetricAlarms":[{"AlarmName":"cpu-high","AlarmArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high",
                   "StateValue":"ALARM","StateReason":"Threshold Crossed","StateReasonData":"{\"version\":\"1.0\"}",
                   "StateUpdatedTimestamp":1772359200.123,"AlarmConfigurationUpdatedTimestamp":"2026-03-01T09:00:00Z",
                   "Namespace":"ContainerInsights","MetricName":"pod_cpu_utilization","Statistic":"Average",
                   "Dimensions":[{"Name":"ClusterName","Value":"prod"}],"Period":60,"EvaluationPeriods":3,"DatapointsToAlarm":2,
                   "Threshold":80.0,"ComparisonOperator":"GreaterThanThreshold","TreatMissingData":"missing",
                   "OKActions":[],"AlarmActions":["arn:aws:sns:us-east-1:123456789012:ops"],"InsufficientDataActions":[],
                   "SomeFutureMember":{"x":1}}],
                 "CompositeAlarms":[],"NextToken":"n2"}
                """),
            ScriptedResponse.Json("""
                {"MetricAlarms":[],"CompositeAlarms":[{"AlarmName":"service-down","AlarmRule":"ALARM(cpu-high) OR ALARM(mem-high)",
                   "StateValue":"OK","ActionsSuppressor":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:maintenance",
                   "ActionsSuppressorWaitPeriod":120,"ActionsSuppressorExtensionPeriod":180}]}
                """));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchClient(pipeline).DescribeAlarmsAsync(
            new DescribeAlarmsRequest { AlarmNamePrefix = "c", StateValue = AlarmStateValue.InsufficientData, PageSize = 50 },
            TestContext.Current.CancellationToken);

        var first = server.Requests[0].Json;
        Assert.Equal(["MetricAlarm", "CompositeAlarm"], first.GetProperty("AlarmTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("c", first.GetProperty("AlarmNamePrefix").GetString());
        Assert.Equal("INSUFFICIENT_DATA", first.GetProperty("StateValue").GetString());
        Assert.Equal(50, first.GetProperty("MaxRecords").GetInt32());
        Assert.False(first.TryGetProperty("AlarmNames", out _));
        Assert.Equal("GraniteServiceVersion20100801.DescribeAlarms", server.Requests[0].Target);
        Assert.Equal("n2", server.Requests[1].Json.GetProperty("NextToken").GetString());

        var alarm = Assert.Single(result.MetricAlarms);
        Assert.Equal("cpu-high", alarm.AlarmName);
        Assert.Equal("ALARM", alarm.StateValue);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1772359200123), alarm.StateUpdatedTimestamp);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), alarm.AlarmConfigurationUpdatedTimestamp);
        Assert.Equal(new Dimension("ClusterName", "prod"), Assert.Single(alarm.Dimensions));
        Assert.Equal(80.0, alarm.Threshold);
        Assert.Equal(2, alarm.DatapointsToAlarm);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:ops", Assert.Single(alarm.AlarmActions));
        Assert.Null(alarm.StateTransitionedTimestamp);

        var composite = Assert.Single(result.CompositeAlarms);
        Assert.Equal("ALARM(cpu-high) OR ALARM(mem-high)", composite.AlarmRule);
        Assert.Equal(120, composite.ActionsSuppressorWaitPeriod);
        Assert.Equal(2, result.Pages);
    }

    [Fact]
    public async Task DescribeAlarms_by_names_sends_the_names()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchClient(pipeline).DescribeAlarmsAsync(
            new DescribeAlarmsRequest { AlarmNames = ["a", "b"], AlarmTypes = [AlarmType.CompositeAlarm] }, TestContext.Current.CancellationToken);

        var body = server.Requests[0].Json;
        Assert.Equal(["a", "b"], body.GetProperty("AlarmNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["CompositeAlarm"], body.GetProperty("AlarmTypes").EnumerateArray().Select(n => n.GetString()));
        Assert.Empty(result.MetricAlarms);
        Assert.Equal(1, result.Pages);
    }

    [Fact]
    public async Task DescribeAlarmHistory_sends_the_filter_and_pages_through_the_items()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Json("""
                {"AlarmHistoryItems":[{"AlarmName":"cpu-high","AlarmType":"MetricAlarm","Timestamp":1772359200,
                  "HistoryItemType":"StateUpdate","HistorySummary":"Alarm updated from OK to ALARM",
                  "HistoryData":"{\"oldState\":{\"stateValue\":\"OK\"}}"}],"NextToken":"h2"}
                """),
            ScriptedResponse.Json("""
                {"AlarmHistoryItems":[{"AlarmName":"cpu-high","AlarmType":"MetricAlarm","Timestamp":1772359100,
                  "HistoryItemType":"StateUpdate","HistorySummary":"Alarm updated from ALARM to OK",
                  "AlarmContributorAttributes":{"PodName":"api-1"}}]}
                """));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchClient(pipeline).DescribeAlarmHistoryAsync(
            new DescribeAlarmHistoryRequest
            {
                AlarmName = "cpu-high",
                HistoryItemType = AlarmHistoryItemType.StateUpdate,
                StartDate = Start,
                EndDate = Start.AddHours(1),
                ScanBy = ScanBy.TimestampDescending,
                PageSize = 1,
            },
            TestContext.Current.CancellationToken);

        var first = server.Requests[0];
        Assert.Equal("GraniteServiceVersion20100801.DescribeAlarmHistory", first.Target);
        Assert.Equal("cpu-high", first.Json.GetProperty("AlarmName").GetString());
        Assert.Equal("StateUpdate", first.Json.GetProperty("HistoryItemType").GetString());
        Assert.Equal(Start.ToUnixTimeSeconds(), first.Json.GetProperty("StartDate").GetInt64());
        Assert.Equal(Start.AddHours(1).ToUnixTimeSeconds(), first.Json.GetProperty("EndDate").GetInt64());
        Assert.Equal("TimestampDescending", first.Json.GetProperty("ScanBy").GetString());
        Assert.Equal(1, first.Json.GetProperty("MaxRecords").GetInt32());
        Assert.Equal("h2", server.Requests[1].Json.GetProperty("NextToken").GetString());

        Assert.Equal(2, result.AlarmHistoryItems.Count);
        Assert.Equal("Alarm updated from OK to ALARM", result.AlarmHistoryItems[0].HistorySummary);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772359100), result.AlarmHistoryItems[1].Timestamp);
        Assert.Equal("api-1", result.AlarmHistoryItems[1].AlarmContributorAttributes!["PodName"]);
    }

    [Fact]
    public async Task A_response_that_is_not_the_expected_JSON_fails_with_JsonException_naming_the_operation()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"MetricAlarms":"not a list"}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<JsonException>(() =>
            new CloudWatchClient(pipeline).DescribeAlarmsAsync(new DescribeAlarmsRequest(), TestContext.Current.CancellationToken));

        Assert.Contains("monitoring DescribeAlarms", error.Message, StringComparison.Ordinal);
    }
}
