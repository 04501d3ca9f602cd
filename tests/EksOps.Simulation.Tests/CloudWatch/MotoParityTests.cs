using System.Globalization;
using System.Text;
using System.Text.Json;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Logs;
using EksOps.Aws.Protocol;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Tests.CloudWatch.Support;
using EksOps.Testing.Moto;

namespace EksOps.Simulation.Tests.CloudWatch;

/// <summary>
/// The same production client code against moto 5.2.1 (SigV4-verified) and against the simulator, both seeded with
/// the same data: the answers must be the same. Data is timed relative to the real clock, because moto keeps only
/// recent log events. Labels are not compared (moto labels a metric "name stat", CloudWatch and the simulator "name").
/// </summary>
[Collection(CloudWatchMotoGroup.Name)]
public sealed class MotoParityTests(MotoServer moto)
{
    private static readonly DateTimeOffset Hour = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600).AddHours(-2);
    private static readonly Dictionary<string, string> Dimensions = new() { ["ClusterName"] = "prod-eks", ["Namespace"] = "shop", ["PodName"] = "checkout" };

    /// <summary>45 samples 20 s apart (15 minutes), with values that make every statistic differ.</summary>
    private static MetricSeries Series(string name) => new()
    {
        Namespace = "EksOps/Parity",
        MetricName = name,
        Dimensions = Dimensions,
        Unit = "Percent",
        Period = 20,
        Points = [.. Enumerable.Range(0, 45).Select(k => new MetricDatapoint(Hour.AddSeconds(k * 20), (k * 7 % 13) + (0.25 * k)))],
    };

    private async Task PutAsync(MetricSeries series)
    {
        var dimensions = string.Join(',', series.Dimensions.Select(d => $$"""{"Name":"{{d.Key}}","Value":"{{d.Value}}"}"""));
        var data = string.Join(',', series.Points.Select(p => string.Create(CultureInfo.InvariantCulture,
            $$"""{"MetricName":"{{series.MetricName}}","Dimensions":[{{dimensions}}],"Timestamp":{{p.Timestamp.ToUnixTimeSeconds()}},"Value":{{p.Value}},"Unit":"{{series.Unit}}"}""")));
        await moto.InvokeAsync(AwsJsonService.CloudWatch, "PutMetricData", $$"""{"Namespace":"{{series.Namespace}}","MetricData":[{{data}}]}""");
    }

    private static GetMetricDataRequest Request(string name, string stat, int period) => new()
    {
        MetricDataQueries =
        [
            MetricDataQuery.ForMetric("m1", new MetricStat
            {
                Metric = new Metric { Namespace = "EksOps/Parity", MetricName = name, Dimensions = [.. Dimensions.Select(d => new Dimension(d.Key, d.Value))] },
                Period = period,
                Stat = stat,
            }),
            MetricDataQuery.ForMetric("none", new MetricStat
            {
                Metric = new Metric { Namespace = "EksOps/Parity", MetricName = name, Dimensions = [new("ClusterName", "prod-eks"), new("PodName", "cart")] },
                Period = period,
                Stat = stat,
            }),
        ],
        StartTime = Hour,
        EndTime = Hour.AddMinutes(13).AddSeconds(30),
    };

    [Theory]
    [InlineData("Average", 60)]
    [InlineData("Sum", 60)]
    [InlineData("Maximum", 60)]
    [InlineData("Minimum", 60)]
    [InlineData("SampleCount", 60)]
    [InlineData("Average", 300)]
    [InlineData("Sum", 300)]
    [InlineData("Maximum", 300)]
    public async Task GetMetricData_returns_the_same_datapoints_from_the_simulator_as_from_moto(string stat, int period)
    {
        moto.RequireAvailable();
        var series = Series($"cpu_{stat.ToLowerInvariant()}_{period.ToString(CultureInfo.InvariantCulture)}");
        await PutAsync(series);
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([series], [], [], Hour.AddHours(2)));

        var fromMoto = await new CloudWatchClient(motoPipeline).GetMetricDataAsync(Request(series.MetricName, stat, period), TestContext.Current.CancellationToken);
        var fromSimulator = await simulator.CloudWatch.GetMetricDataAsync(Request(series.MetricName, stat, period), TestContext.Current.CancellationToken);

        var expected = fromMoto.Find("m1")!;
        var actual = fromSimulator.Find("m1")!;
        Assert.Equal(period == 60 ? 14 : 3, expected.Timestamps.Count);
        Assert.Equal(expected.Timestamps, actual.Timestamps);
        Assert.Equal(expected.Values.Count, actual.Values.Count);
        Assert.All(expected.Values.Zip(actual.Values), pair => Assert.Equal(pair.First, pair.Second, 9));
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Empty(fromMoto.Find("none")!.Values);
        Assert.Empty(fromSimulator.Find("none")!.Values);
    }

    [Fact]
    public async Task DescribeAlarms_describes_an_alarm_the_same_whether_created_in_moto_or_read_from_its_state_change()
    {
        moto.RequireAvailable();
        var fromEvent = SimulatedAlarm.FromEvent(SampleAlarmEvents.Restarts) with { AlarmName = "parity-checkout-restarts", AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:parity-checkout-restarts" };
        var metric = fromEvent.Metrics[0];
        await moto.InvokeAsync(AwsJsonService.CloudWatch, "PutMetricAlarm", JsonSerialize(writer =>
        {
            writer.WriteString("AlarmName", fromEvent.AlarmName);
            writer.WriteString("AlarmDescription", fromEvent.Description);
            writer.WriteString("Namespace", metric.Namespace);
            writer.WriteString("MetricName", metric.MetricName);
            writer.WriteStartArray("Dimensions");
            foreach (var (name, value) in metric.Dimensions)
            {
                writer.WriteStartObject();
                writer.WriteString("Name", name);
                writer.WriteString("Value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("Statistic", metric.Stat);
            writer.WriteNumber("Period", metric.Period!.Value);
            writer.WriteNumber("EvaluationPeriods", fromEvent.EvaluationPeriods!.Value);
            writer.WriteNumber("DatapointsToAlarm", fromEvent.DatapointsToAlarm!.Value);
            writer.WriteNumber("Threshold", fromEvent.Threshold!.Value);
            writer.WriteString("ComparisonOperator", fromEvent.ComparisonOperator);
            writer.WriteString("TreatMissingData", fromEvent.TreatMissingData);
        }));
        await moto.InvokeAsync(AwsJsonService.CloudWatch, "SetAlarmState", JsonSerialize(writer =>
        {
            writer.WriteString("AlarmName", fromEvent.AlarmName);
            writer.WriteString("StateValue", fromEvent.StateValue);
            writer.WriteString("StateReason", fromEvent.StateReason);
            writer.WriteString("StateReasonData", fromEvent.StateReasonData);
        }));
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [fromEvent], [], DateTimeOffset.UtcNow));

        var request = new DescribeAlarmsRequest { AlarmNames = [fromEvent.AlarmName] };
        var expected = Assert.Single((await new CloudWatchClient(motoPipeline).DescribeAlarmsAsync(request, TestContext.Current.CancellationToken)).MetricAlarms);
        var actual = Assert.Single((await simulator.CloudWatch.DescribeAlarmsAsync(request, TestContext.Current.CancellationToken)).MetricAlarms);

        Assert.Equal(Comparable(expected), Comparable(actual));
    }

    [Fact]
    public async Task DescribeAlarms_describes_a_metric_math_alarm_with_the_same_queries_as_moto()
    {
        moto.RequireAvailable();
        var fromEvent = SimulatedAlarm.FromEvent(SampleAlarmEvents.LambdaMetricMath) with { AlarmName = "parity-orders-ratio", AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:parity-orders-ratio" };
        await moto.InvokeAsync(AwsJsonService.CloudWatch, "PutMetricAlarm", JsonSerialize(writer =>
        {
            writer.WriteString("AlarmName", fromEvent.AlarmName);
            writer.WriteString("AlarmDescription", fromEvent.Description);
            writer.WriteNumber("EvaluationPeriods", fromEvent.EvaluationPeriods!.Value);
            writer.WriteNumber("DatapointsToAlarm", fromEvent.DatapointsToAlarm!.Value);
            writer.WriteNumber("Threshold", fromEvent.Threshold!.Value);
            writer.WriteString("ComparisonOperator", fromEvent.ComparisonOperator);
            writer.WriteString("TreatMissingData", fromEvent.TreatMissingData);
            writer.WriteStartArray("Metrics");
            foreach (var query in fromEvent.Metrics)
            {
                writer.WriteStartObject();
                writer.WriteString("Id", query.Id);
                if (query.Expression is { } expression)
                {
                    writer.WriteString("Expression", expression);
                }
                else
                {
                    writer.WriteStartObject("MetricStat");
                    writer.WriteStartObject("Metric");
                    writer.WriteString("Namespace", query.Namespace);
                    writer.WriteString("MetricName", query.MetricName);
                    writer.WriteStartArray("Dimensions");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteNumber("Period", query.Period!.Value);
                    writer.WriteString("Stat", query.Stat);
                    writer.WriteEndObject();
                }

                if (query.Label is { } label)
                {
                    writer.WriteString("Label", label);
                }

                writer.WriteBoolean("ReturnData", query.ReturnData);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [fromEvent], [], DateTimeOffset.UtcNow));

        var request = new DescribeAlarmsRequest { AlarmNames = [fromEvent.AlarmName] };
        var expected = Assert.Single((await new CloudWatchClient(motoPipeline).DescribeAlarmsAsync(request, TestContext.Current.CancellationToken)).MetricAlarms);
        var actual = Assert.Single((await simulator.CloudWatch.DescribeAlarmsAsync(request, TestContext.Current.CancellationToken)).MetricAlarms);

        Assert.Equal(Queries(expected), Queries(actual));
        Assert.Equal((expected.Threshold, expected.ComparisonOperator, expected.EvaluationPeriods, expected.DatapointsToAlarm), (actual.Threshold, actual.ComparisonOperator, actual.EvaluationPeriods, actual.DatapointsToAlarm));
        Assert.Null(actual.MetricName);
        Assert.Null(expected.MetricName);
    }

    private const string Group = "/aws/containerinsights/parity/application";
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static SimulatedLogEvent[]? _seededEvents;

    /// <summary>One log group with two streams, written to moto once and shared by the log tests here.</summary>
    private async Task<SimulatedLogEvent[]> SeedLogsAsync()
    {
        await SeedGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_seededEvents is { } done)
            {
                return done;
            }

            var first = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds());
            SimulatedLogEvent[] events =
            [
                new(Group, "api-0", first, "INFO started checkout"),
                new(Group, "api-1", first.AddSeconds(3), "ERROR dial tcp 10.0.3.7:5432: connect: connection refused"),
                new(Group, "api-0", first.AddSeconds(10), "ERROR OOMKilled container api"),
                new(Group, "api-1", first.AddSeconds(12), "WARN retrying payments"),
                new(Group, "api-0", first.AddSeconds(20), "ERROR back-off restarting failed container"),
                new(Group, "api-1", first.AddSeconds(40), "INFO recovered"),
            ];
            await moto.InvokeAsync(AwsJsonService.CloudWatchLogs, "CreateLogGroup", $$"""{"logGroupName":"{{Group}}"}""");
            foreach (var stream in events.GroupBy(e => e.LogStreamName))
            {
                await moto.InvokeAsync(AwsJsonService.CloudWatchLogs, "CreateLogStream", $$"""{"logGroupName":"{{Group}}","logStreamName":"{{stream.Key}}"}""");
                var batch = string.Join(',', stream.Select(e => $$"""{"timestamp":{{e.Timestamp.ToUnixTimeMilliseconds()}},"message":"{{e.Message}}"}"""));
                await moto.InvokeAsync(AwsJsonService.CloudWatchLogs, "PutLogEvents", $$"""{"logGroupName":"{{Group}}","logStreamName":"{{stream.Key}}","logEvents":[{{batch}}]}""");
            }

            _seededEvents = events;
            return events;
        }
        finally
        {
            SeedGate.Release();
        }
    }

    public static TheoryData<string?, int, int, string?> FilterCases() => new()
    {
        { null, 0, 0, null },
        { "ERROR", 0, 0, null },
        { "\"back-off restarting\"", 0, 0, null },
        { "ERROR OOMKilled", 0, 0, null },
        { "ERROR", 3, 20, null },
        { "INFO", 0, 0, "api-1" },
        { null, 10, 40, "api-0" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task FilterLogEvents_finds_the_same_events_in_the_simulator_as_in_moto(string? pattern, int fromSecond, int toSecond, string? stream)
    {
        moto.RequireAvailable();
        var events = await SeedLogsAsync();
        var first = events[0].Timestamp;
        var request = new FilterLogEventsRequest
        {
            LogGroupName = Group,
            FilterPattern = pattern,
            StartTime = toSecond == 0 ? null : first.AddSeconds(fromSecond),
            EndTime = toSecond == 0 ? null : first.AddSeconds(toSecond),
            LogStreamNames = stream is null ? [] : [stream],
        };
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [], events, DateTimeOffset.UtcNow));

        var expected = await new CloudWatchLogsClient(motoPipeline).FilterLogEventsAsync(request, TestContext.Current.CancellationToken);
        var actual = await simulator.Logs.FilterLogEventsAsync(request, TestContext.Current.CancellationToken);

        // moto lists each stream's events in turn; CloudWatch Logs (and the simulator) interleave them by time.
        Assert.NotEmpty(expected.Events);
        Assert.Equal(Sorted(expected.Events), Sorted(actual.Events));
        Assert.Equal(actual.Events.OrderBy(e => e.Timestamp).Select(e => e.Message), actual.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task FilterLogEvents_pages_one_event_at_a_time_through_the_same_events()
    {
        moto.RequireAvailable();
        var events = await SeedLogsAsync();
        var request = new FilterLogEventsRequest { LogGroupName = Group, PageSize = 1 };
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [], events, DateTimeOffset.UtcNow));

        var expected = await new CloudWatchLogsClient(motoPipeline).FilterLogEventsAsync(request, TestContext.Current.CancellationToken);
        var actual = await simulator.Logs.FilterLogEventsAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(Sorted(expected.Events), Sorted(actual.Events));
        Assert.Equal(events.Length, actual.Events.Count);
        Assert.Equal((expected.Pages, expected.Truncated), (actual.Pages, actual.Truncated));
    }

    [Fact]
    public async Task A_missing_log_group_fails_the_same_way_in_the_simulator_as_in_moto()
    {
        moto.RequireAvailable();
        var request = new FilterLogEventsRequest { LogGroupName = "/eksops/parity/does-not-exist" };
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [], [], DateTimeOffset.UtcNow));

        var expected = await Assert.ThrowsAsync<AwsServiceException>(() => new CloudWatchLogsClient(motoPipeline).FilterLogEventsAsync(request, TestContext.Current.CancellationToken));
        var actual = await Assert.ThrowsAsync<AwsServiceException>(() => simulator.Logs.FilterLogEventsAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal((expected.StatusCode, expected.ErrorCode, expected.ErrorMessage), (actual.StatusCode, actual.ErrorCode, actual.ErrorMessage));
    }

    [Fact]
    public async Task A_Logs_Insights_query_returns_the_same_messages_in_the_same_order_as_moto()
    {
        moto.RequireAvailable();
        var events = await SeedLogsAsync();
        var request = new StartQueryRequest
        {
            QueryString = "fields @timestamp, @message | sort @timestamp desc | limit 4",
            LogGroupNames = [Group],
            StartTime = events[0].Timestamp.AddMinutes(-1),
            EndTime = events[^1].Timestamp.AddMinutes(1),
        };
        var wait = new QueryWaitOptions { Timeout = TimeSpan.FromSeconds(20), InitialInterval = TimeSpan.FromMilliseconds(50) };
        using var motoPipeline = moto.Pipeline();
        await using var simulator = await SimulatorClients.StartAsync(new SimulatedCloudWatch([], [], events, DateTimeOffset.UtcNow), new CloudWatchSimulatorOptions());

        var expected = await new CloudWatchLogsClient(motoPipeline).RunQueryAsync(request, wait, TestContext.Current.CancellationToken);
        var actual = await simulator.Logs.RunQueryAsync(request, wait, TestContext.Current.CancellationToken);

        Assert.Equal((QueryStatus.Complete, QueryStatus.Complete), (expected.Status, actual.Status));
        Assert.Equal(expected.Rows.Select(r => r["@message"]), actual.Rows.Select(r => r["@message"]));
        Assert.Equal(4, actual.Rows.Count);
    }

    private static List<(DateTimeOffset, string?, string?)> Sorted(IEnumerable<FilteredLogEvent> events) =>
        [.. events.Select(e => (e.Timestamp, e.LogStreamName, e.Message)).Order()];

    private static object Comparable(MetricAlarm alarm) => new
    {
        alarm.AlarmName,
        alarm.AlarmArn,
        alarm.AlarmDescription,
        alarm.ActionsEnabled,
        OK = string.Join(',', alarm.OKActions),
        Alarm = string.Join(',', alarm.AlarmActions),
        Insufficient = string.Join(',', alarm.InsufficientDataActions),
        alarm.StateValue,
        alarm.StateReason,
        alarm.StateReasonData,
        alarm.MetricName,
        alarm.Namespace,
        alarm.Statistic,
        alarm.ExtendedStatistic,
        Dimensions = string.Join(',', alarm.Dimensions.Select(d => d.Name + "=" + d.Value)),
        alarm.Period,
        alarm.Unit,
        alarm.EvaluationPeriods,
        alarm.DatapointsToAlarm,
        alarm.Threshold,
        alarm.ComparisonOperator,
        alarm.TreatMissingData,
        Metrics = alarm.Metrics.Count,
        alarm.ThresholdMetricId,
    };

    private static string Queries(MetricAlarm alarm) => string.Join('\n', alarm.Metrics.Select(q =>
        $"{q.Id}|{q.Expression}|{q.Label}|{q.ReturnData}|{q.MetricStat?.Metric.Namespace}|{q.MetricStat?.Metric.MetricName}|{q.MetricStat?.Metric.Dimensions.Count}|{q.MetricStat?.Period}|{q.MetricStat?.Stat}|{q.MetricStat?.Unit}"));

    private static string JsonSerialize(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
