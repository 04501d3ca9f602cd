using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Tests.CloudWatch.Support;

namespace EksOps.Simulation.Tests.CloudWatch;

/// <summary>GetMetricData through the production client: statistics, periods, time bounds, order, paging, metric math, validation.</summary>
public sealed class GetMetricDataTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Ten = Now.AddMinutes(-2);

    private const string DimensionsJson = """[{"Name":"ClusterName","Value":"prod-eks"},{"Name":"Namespace","Value":"shop"},{"Name":"PodName","Value":"checkout"}]""";

    private static readonly Dictionary<string, string> Checkout = new() { ["ClusterName"] = "prod-eks", ["Namespace"] = "shop", ["PodName"] = "checkout" };

    /// <summary>Ten-second samples: 1, 2, 3, 4, 10 in 10:00, and 5 at 10:01:00.</summary>
    private static MetricSeries Latency() => new()
    {
        Namespace = "EksOps/Test",
        MetricName = "latency_ms",
        Dimensions = Checkout,
        Unit = "Milliseconds",
        Period = 10,
        Points =
        [
            new(Ten, 1), new(Ten.AddSeconds(10), 2), new(Ten.AddSeconds(20), 3), new(Ten.AddSeconds(30), 4), new(Ten.AddSeconds(40), 10),
            new(Ten.AddMinutes(1), 5),
        ],
    };

    private static MetricSeries PerMinute(string name, params double[] values) => new()
    {
        Namespace = "EksOps/Test",
        MetricName = name,
        Dimensions = Checkout,
        Unit = "Count",
        Period = 60,
        Points = [.. values.Select((v, i) => new MetricDatapoint(Now.AddMinutes(-values.Length + i), v))],
    };

    private static MetricDataQuery Stat(string id, string metricName, string stat, int period = 60, string? unit = null, IReadOnlyList<Dimension>? dimensions = null) =>
        MetricDataQuery.ForMetric(id, new MetricStat
        {
            Metric = new Metric { Namespace = "EksOps/Test", MetricName = metricName, Dimensions = dimensions ?? [new("ClusterName", "prod-eks"), new("Namespace", "shop"), new("PodName", "checkout")] },
            Period = period,
            Stat = stat,
            Unit = unit,
        });

    private static async Task<GetMetricDataResult> QueryAsync(SimulatedCloudWatch data, IReadOnlyList<MetricDataQuery> queries, DateTimeOffset? start = null, DateTimeOffset? end = null, ScanBy? scanBy = ScanBy.TimestampAscending, int? maxDatapoints = null)
    {
        await using var clients = await SimulatorClients.StartAsync(data);
        return await clients.CloudWatch.GetMetricDataAsync(
            new GetMetricDataRequest { MetricDataQueries = queries, StartTime = start ?? Ten, EndTime = end ?? Now, ScanBy = scanBy, MaxDatapoints = maxDatapoints },
            TestContext.Current.CancellationToken);
    }

    private static SimulatedCloudWatch Data(params MetricSeries[] series) => new(series, [], [], Now);

    [Theory]
    [InlineData("Average", 4.0, 5.0)]
    [InlineData("Sum", 20.0, 5.0)]
    [InlineData("Minimum", 1.0, 5.0)]
    [InlineData("Maximum", 10.0, 5.0)]
    [InlineData("SampleCount", 5.0, 1.0)]
    [InlineData("p50", 3.0, 5.0)]
    [InlineData("p90", 10.0, 5.0)]
    [InlineData("p99.9", 10.0, 5.0)]
    [InlineData("tm80", 2.5, 5.0)]
    [InlineData("IQM", 3.0, 5.0)]
    public async Task Each_statistic_aggregates_the_samples_of_each_minute(string stat, double firstMinute, double secondMinute)
    {
        var result = await QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", stat)]);

        var m1 = Assert.Single(result.MetricDataResults);
        Assert.Equal("Complete", m1.StatusCode);
        Assert.Equal([Ten, Ten.AddMinutes(1)], m1.Timestamps);
        Assert.Equal([firstMinute, secondMinute], m1.Values);
    }

    [Fact]
    public async Task A_five_minute_period_puts_every_sample_from_the_rounded_start_into_one_bucket()
    {
        var result = await QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", "Sum", period: 300)], start: Ten.AddSeconds(25));

        var m1 = Assert.Single(result.MetricDataResults);
        Assert.Equal([Ten], m1.Timestamps);
        Assert.Equal([25.0], m1.Values);
    }

    [Fact]
    public async Task The_start_is_inclusive_and_the_end_exclusive()
    {
        var result = await QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", "SampleCount", period: 10)], start: Ten.AddSeconds(10), end: Ten.AddSeconds(40));

        Assert.Equal([Ten.AddSeconds(10), Ten.AddSeconds(20), Ten.AddSeconds(30)], result.MetricDataResults[0].Timestamps);
    }

    [Fact]
    public async Task Datapoints_come_newest_first_unless_asked_otherwise()
    {
        var result = await QueryAsync(Data(PerMinute("restarts", 1, 2, 3)), [Stat("m1", "restarts", "Maximum")], start: Now.AddMinutes(-3), scanBy: null);

        Assert.Equal([3.0, 2.0, 1.0], result.MetricDataResults[0].Values);
        Assert.Equal([Now.AddMinutes(-1), Now.AddMinutes(-2), Now.AddMinutes(-3)], result.MetricDataResults[0].Timestamps);
    }

    [Fact]
    public async Task Only_a_query_with_exactly_the_series_dimensions_and_unit_reads_it()
    {
        var result = await QueryAsync(
            Data(Latency()),
            [
                Stat("exact", "latency_ms", "Maximum"),
                Stat("fewer", "latency_ms", "Maximum", dimensions: [new("ClusterName", "prod-eks")]),
                Stat("unit", "latency_ms", "Maximum", unit: "Milliseconds"),
                Stat("other", "latency_ms", "Maximum", unit: "Seconds"),
            ]);

        Assert.Equal(2, result.Find("exact")!.Values.Count);
        Assert.Empty(result.Find("fewer")!.Values);
        Assert.Equal(2, result.Find("unit")!.Values.Count);
        Assert.Empty(result.Find("other")!.Values);
    }

    [Fact]
    public async Task The_label_is_the_metric_name_or_the_query_label()
    {
        var result = await QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", "Maximum"), MetricDataQuery.ForExpression("e1", "m1 * 2", label: "doubled"), MetricDataQuery.ForExpression("e2", "m1 / 2")]);

        Assert.Equal(["latency_ms", "doubled", "e2"], result.MetricDataResults.Select(r => r.Label));
    }

    [Fact]
    public async Task MaxDatapoints_pages_the_results_and_the_client_joins_the_pages()
    {
        var data = Data(PerMinute("restarts", 1, 2, 3, 4, 5), PerMinute("ready", 9, 8, 7, 6, 5));

        await using var clients = await SimulatorClients.StartAsync(data);
        var result = await clients.CloudWatch.GetMetricDataAsync(
            new GetMetricDataRequest
            {
                MetricDataQueries = [Stat("restarts", "restarts", "Sum"), Stat("ready", "ready", "Sum")],
                StartTime = Now.AddMinutes(-5),
                EndTime = Now,
                ScanBy = ScanBy.TimestampAscending,
                MaxDatapoints = 3,
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(4, result.Pages);
        Assert.False(result.Truncated);
        Assert.Equal([1.0, 2, 3, 4, 5], result.Find("restarts")!.Values);
        Assert.Equal([9.0, 8, 7, 6, 5], result.Find("ready")!.Values);
        Assert.All(result.MetricDataResults, r => Assert.Equal("Complete", r.StatusCode));
        var pages = clients.Simulator.Requests.Select(r => r.Body).ToList();
        Assert.DoesNotContain("NextToken", pages[0], StringComparison.Ordinal);
        Assert.All(pages.Skip(1), body => Assert.Contains("NextToken", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_that_stops_inside_a_result_marks_it_PartialData()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(PerMinute("restarts", 1, 2, 3)));
        var raw = await RawAsync(clients, $$$"""
            {"MetricDataQueries":[{"Id":"m1","MetricStat":{"Metric":{"Namespace":"EksOps/Test","MetricName":"restarts","Dimensions":{{{DimensionsJson}}}},"Period":60,"Stat":"Sum"}}],
             "StartTime":{{{Now.AddMinutes(-3).ToUnixTimeSeconds()}}},"EndTime":{{{Now.ToUnixTimeSeconds()}}},"MaxDatapoints":2}
            """);

        Assert.Contains("\"StatusCode\":\"PartialData\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"NextToken\":", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_token_from_another_request_is_refused_with_InvalidNextToken()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(PerMinute("restarts", 1, 2, 3)));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => RawAsync(clients,
            """{"MetricDataQueries":[{"Id":"m1","Expression":"1"}],"StartTime":1795168800,"EndTime":1795168920,"NextToken":"bm90LW91cnM="}"""));

        Assert.Equal("InvalidNextToken", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Arithmetic_over_query_ids_combines_the_timestamps_both_series_have()
    {
        var data = Data(PerMinute("errors", 1, 2, 0, 3), PerMinute("requests", 10, 20, 0, 30));
        var result = await QueryAsync(
            data,
            [
                Stat("m1", "errors", "Sum") with { ReturnData = false },
                Stat("m2", "requests", "Sum") with { ReturnData = false },
                MetricDataQuery.ForExpression("rate", "m1/m2*100"),
                MetricDataQuery.ForExpression("shifted", "-(m1 - 1) ^ 2 + 0.5"),
            ],
            start: Now.AddMinutes(-4));

        Assert.Equal(["rate", "shifted"], result.MetricDataResults.Select(r => r.Id));
        var rate = result.Find("rate")!;
        Assert.Equal([10.0, 10.0, 10.0], rate.Values);
        Assert.Equal([Now.AddMinutes(-4), Now.AddMinutes(-3), Now.AddMinutes(-1)], rate.Timestamps);
        Assert.Equal([0.5, -0.5, -0.5, -3.5], result.Find("shifted")!.Values);
    }

    [Fact]
    public async Task SUM_of_METRICS_adds_every_metric_of_the_request_at_each_timestamp()
    {
        var data = Data(PerMinute("errors", 1, 2, 3), PerMinute("requests", 10, 20, 30));
        var result = await QueryAsync(
            data,
            [Stat("m1", "errors", "Sum") with { ReturnData = false }, Stat("m2", "requests", "Sum") with { ReturnData = false }, MetricDataQuery.ForExpression("total", "SUM(METRICS())")],
            start: Now.AddMinutes(-3));

        Assert.Equal([11.0, 22.0, 33.0], Assert.Single(result.MetricDataResults).Values);
    }

    [Fact]
    public async Task An_expression_that_returns_an_array_answers_one_result_per_series_under_its_id()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(PerMinute("errors", 1), PerMinute("requests", 10)));
        var raw = await RawAsync(clients, $$$"""
            {"MetricDataQueries":[
              {"Id":"m1","ReturnData":false,"MetricStat":{"Metric":{"Namespace":"EksOps/Test","MetricName":"errors","Dimensions":{{{DimensionsJson}}}},"Period":60,"Stat":"Sum"}},
              {"Id":"m2","ReturnData":false,"MetricStat":{"Metric":{"Namespace":"EksOps/Test","MetricName":"requests","Dimensions":{{{DimensionsJson}}}},"Period":60,"Stat":"Sum"}},
              {"Id":"all","Expression":"METRICS() * 2"}],
             "StartTime":{{{Now.AddMinutes(-1).ToUnixTimeSeconds()}}},"EndTime":{{{Now.ToUnixTimeSeconds()}}}}
            """);

        using var response = System.Text.Json.JsonDocument.Parse(raw);
        var results = response.RootElement.GetProperty("MetricDataResults").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("all", r.GetProperty("Id").GetString()));
        Assert.Equal(["errors", "requests"], results.Select(r => r.GetProperty("Label").GetString()));
        Assert.Equal([2.0, 20.0], results.Select(r => r.GetProperty("Values")[0].GetDouble()));
    }

    [Fact]
    public async Task RATE_is_the_change_per_second_between_datapoints_and_DIFF_the_change()
    {
        var result = await QueryAsync(
            Data(PerMinute("bytes", 0, 600, 1800)),
            [Stat("m1", "bytes", "Sum") with { ReturnData = false }, MetricDataQuery.ForExpression("rate", "RATE(m1)"), MetricDataQuery.ForExpression("diff", "DIFF(m1)")],
            start: Now.AddMinutes(-3));

        Assert.Equal([10.0, 20.0], result.Find("rate")!.Values);
        Assert.Equal([600.0, 1200.0], result.Find("diff")!.Values);
        Assert.Equal([Now.AddMinutes(-2), Now.AddMinutes(-1)], result.Find("rate")!.Timestamps);
    }

    [Fact]
    public async Task FILL_fills_the_periods_without_data_with_a_value_or_the_last_one()
    {
        var series = PerMinute("restarts", 1, 2, 3) with { Points = [new(Now.AddMinutes(-3), 1), new(Now.AddMinutes(-1), 3)] };
        var result = await QueryAsync(
            Data(series),
            [Stat("m1", "restarts", "Sum") with { ReturnData = false }, MetricDataQuery.ForExpression("zero", "FILL(m1, 0)"), MetricDataQuery.ForExpression("repeat", "FILL(m1, REPEAT)")],
            start: Now.AddMinutes(-3));

        Assert.Equal([1.0, 0, 3], result.Find("zero")!.Values);
        Assert.Equal([1.0, 1, 3], result.Find("repeat")!.Values);
    }

    [Fact]
    public async Task ANOMALY_DETECTION_BAND_is_answered_with_an_error_result_that_says_it_is_not_supported()
    {
        var result = await QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", "Average"), MetricDataQuery.ForExpression("ad1", "ANOMALY_DETECTION_BAND(m1, 2)")]);

        var band = result.Find("ad1")!;
        Assert.Equal("InternalError", band.StatusCode);
        Assert.Empty(band.Values);
        var message = Assert.Single(band.Messages);
        Assert.Equal("UnsupportedExpression", message.Code);
        Assert.Contains("ANOMALY_DETECTION_BAND is not supported", message.Value, StringComparison.Ordinal);
        Assert.Equal("Complete", result.Find("m1")!.StatusCode);
    }

    [Fact]
    public async Task A_statistic_CloudWatch_accepts_but_the_simulator_does_not_compute_is_an_error_result()
    {
        var result = await QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", "TM(10%:90%)"), MetricDataQuery.ForExpression("e1", "m1 * 2")]);

        Assert.Equal("UnsupportedStatistic", Assert.Single(result.Find("m1")!.Messages).Code);
        Assert.Equal("InternalError", result.Find("e1")!.StatusCode);
    }

    [Theory]
    [InlineData("Median", "is not a valid statistic")]
    [InlineData("p101", "is not a valid statistic")]
    public async Task An_invalid_statistic_is_a_validation_error(string stat, string message)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", stat)]));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Equal("Sender", error.Fault);
        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m1 / m9", "Unrecognized metric id m9")]
    [InlineData("m1 +", "the expression ends too early")]
    [InlineData("e2", "circular dependency")]
    public async Task A_bad_expression_is_a_validation_error_that_names_the_problem(string expression, string problem)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => QueryAsync(
            Data(Latency()), [Stat("m1", "latency_ms", "Average"), MetricDataQuery.ForExpression("e1", expression), MetricDataQuery.ForExpression("e2", "e1 * 2")]));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains(problem, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_after_the_end_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => QueryAsync(Data(Latency()), [Stat("m1", "latency_ms", "Average")], start: Now, end: Ten));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Equal("The parameter StartTime must be less than the parameter EndTime.", error.ErrorMessage);
    }

    [Fact]
    public async Task A_query_id_that_does_not_start_with_a_lower_case_letter_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => QueryAsync(Data(Latency()), [Stat("M1", "latency_ms", "Average")]));

        Assert.Contains("^[a-z][a-zA-Z0-9_]*$", error.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task<string> RawAsync(SimulatorClients clients, string json)
    {
        var body = await new EksOps.Aws.Protocol.AwsJsonClient(clients.Pipeline, EksOps.Aws.Protocol.AwsJsonService.CloudWatch)
            .InvokeRawAsync("GetMetricData", System.Text.Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(body.Span);
    }
}
