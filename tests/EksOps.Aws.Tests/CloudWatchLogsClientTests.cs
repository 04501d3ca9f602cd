using EksOps.Aws.Logs;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

public sealed class CloudWatchLogsClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private const string Running = """{"status":"Running","results":[[{"field":"@message","value":"partial"}]]}""";

    private const string Complete = """
        {"status":"Complete",
         "results":[[{"field":"@timestamp","value":"2026-03-01 10:00:01.000"},{"field":"@message","value":"OOMKilled api-1"},{"field":"@ptr","value":"p1"}],
                    [{"field":"@timestamp","value":"2026-03-01 10:00:00.000"},{"field":"@message","value":"OOMKilled api-0"}]],
         "statistics":{"recordsMatched":2.0,"recordsScanned":40.0,"bytesScanned":2048.0}}
        """;

    private static StartQueryRequest Query() => new()
    {
        QueryString = "fields @timestamp, @message | filter @message like /OOMKilled/",
        LogGroupNames = ["/aws/containerinsights/prod/application"],
        StartTime = Start.AddMilliseconds(900),
        EndTime = Start.AddMinutes(5).AddMilliseconds(1),
        Limit = 50,
    };

    private static ScriptedResponse ByTarget(RecordedRequest request, Func<string, ScriptedResponse> respond) =>
        respond(request.Target!.Split('.')[1]);

    [Fact]
    public async Task StartQuery_sends_JSON_1_1_with_whole_epoch_seconds_that_cover_the_range()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"queryId":"q-1"}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var id = await new CloudWatchLogsClient(pipeline).StartQueryAsync(Query(), TestContext.Current.CancellationToken);

        Assert.Equal("q-1", id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Logs_20140328.StartQuery", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Null(request.Header("x-amzn-query-mode"));
        Assert.Equal(Start.ToUnixTimeSeconds(), request.Json.GetProperty("startTime").GetInt64());
        Assert.Equal(Start.AddMinutes(5).ToUnixTimeSeconds() + 1, request.Json.GetProperty("endTime").GetInt64());
        Assert.Equal("/aws/containerinsights/prod/application", request.Json.GetProperty("logGroupNames")[0].GetString());
        Assert.Equal(50, request.Json.GetProperty("limit").GetInt32());
        Assert.False(request.Json.TryGetProperty("logGroupIdentifiers", out _));
    }

    [Fact]
    public async Task GetQueryResults_reads_rows_fields_status_and_statistics()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json(Complete));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var results = await new CloudWatchLogsClient(pipeline).GetQueryResultsAsync("q-1", TestContext.Current.CancellationToken);

        Assert.Equal("q-1", server.Requests[0].Json.GetProperty("queryId").GetString());
        Assert.Equal(QueryStatus.Complete, results.Status);
        Assert.True(results.IsFinished);
        Assert.Equal(2, results.Rows.Count);
        Assert.Equal("OOMKilled api-1", results.Rows[0]["@message"]);
        Assert.Equal("p1", results.Rows[0]["@ptr"]);
        Assert.Null(results.Rows[1]["@ptr"]);
        Assert.Equal(40.0, results.Statistics!.RecordsScanned);
        Assert.False(results.DeadlineReached);
    }

    [Fact]
    public async Task RunQuery_polls_with_growing_waits_until_the_query_completes()
    {
        var polls = 0;
        await using var server = LoopbackAwsServer.Start((request, _) => ByTarget(request, op => op switch
        {
            "StartQuery" => ScriptedResponse.Json("""{"queryId":"q-7"}"""),
            _ => ScriptedResponse.Json(Interlocked.Increment(ref polls) <= 3 ? Running : Complete),
        }));
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);

        var results = await new CloudWatchLogsClient(pipeline).RunQueryAsync(
            Query(), new QueryWaitOptions { InitialInterval = TimeSpan.FromMilliseconds(200), MaxInterval = TimeSpan.FromMilliseconds(400) },
            TestContext.Current.CancellationToken);

        Assert.Equal(QueryStatus.Complete, results.Status);
        Assert.Equal("q-7", results.QueryId);
        Assert.Equal(2, results.Rows.Count);
        Assert.Equal(["StartQuery", "GetQueryResults", "GetQueryResults", "GetQueryResults", "GetQueryResults"], server.Requests.Select(r => r.Target!.Split('.')[1]));
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400)], time.Delays);
    }

    [Fact]
    public async Task Waiting_past_the_deadline_stops_the_query_and_returns_partial_rows()
    {
        await using var server = LoopbackAwsServer.Start((request, _) => ByTarget(request, op => op switch
        {
            "StopQuery" => ScriptedResponse.Json("""{"success":true}"""),
            _ => ScriptedResponse.Json(Running),
        }));
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);

        var results = await new CloudWatchLogsClient(pipeline).WaitForQueryAsync(
            "q-slow", new QueryWaitOptions { Timeout = TimeSpan.FromSeconds(10), InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(4) },
            TestContext.Current.CancellationToken);

        Assert.True(results.DeadlineReached);
        Assert.Equal(QueryStatus.Running, results.Status);
        Assert.Equal("partial", Assert.Single(results.Rows)["@message"]);
        var stop = server.Requests[^1];
        Assert.Equal("Logs_20140328.StopQuery", stop.Target);
        Assert.Equal("q-slow", stop.Json.GetProperty("queryId").GetString());
        // Virtual time: the waits add up to exactly the 10 s allowed, the last one cut to what remained.
        Assert.Equal(TimeSpan.FromSeconds(10), time.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public async Task A_failed_StopQuery_at_the_deadline_does_not_hide_the_partial_results()
    {
        await using var server = LoopbackAwsServer.Start((request, _) => ByTarget(request, op => op switch
        {
            "StopQuery" => ScriptedResponse.Error(400, """{"__type":"InvalidParameterException","message":"query already ended"}"""),
            _ => ScriptedResponse.Json(Running),
        }));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var results = await new CloudWatchLogsClient(pipeline).WaitForQueryAsync(
            "q-slow", new QueryWaitOptions { Timeout = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken);

        Assert.True(results.DeadlineReached);
        Assert.Contains(server.Requests, r => r.Target == "Logs_20140328.StopQuery");
    }

    [Fact]
    public async Task Cancelling_while_waiting_stops_the_query_then_throws()
    {
        await using var server = LoopbackAwsServer.Start((request, _) => ByTarget(request, op => op switch
        {
            "StopQuery" => ScriptedResponse.Json("""{"success":true}"""),
            _ => ScriptedResponse.Json(Running),
        }));
        var time = new RecordingTimeProvider(hold: true);
        using var pipeline = TestPipelines.For(server.Endpoint, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var wait = new CloudWatchLogsClient(pipeline).WaitForQueryAsync("q-c", null, cts.Token);
        while (time.Delays.Count == 0)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal("Logs_20140328.StopQuery", server.Requests[^1].Target);
    }

    [Fact]
    public async Task A_failed_query_is_returned_as_finished_with_status_Failed()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"status":"Failed","results":[]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var results = await new CloudWatchLogsClient(pipeline).WaitForQueryAsync("q-f", null, TestContext.Current.CancellationToken);

        Assert.Equal(QueryStatus.Failed, results.Status);
        Assert.True(results.IsFinished);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task FilterLogEvents_sends_milliseconds_and_pages_until_the_service_has_no_more()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Json("""{"events":[{"logStreamName":"s","timestamp":1772359200001,"message":"ERROR a","ingestionTime":1772359200500,"eventId":"e1"}],"nextToken":"f2"}"""),
            ScriptedResponse.Json("""{"events":[],"nextToken":"f3"}"""),
            ScriptedResponse.Json("""{"events":[{"logStreamName":"s","timestamp":1772359260000,"message":"ERROR b","ingestionTime":1772359260100,"eventId":"e2"}],"nextToken":null}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchLogsClient(pipeline).FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = "/eksops/app", StartTime = Start, EndTime = Start.AddMinutes(5), FilterPattern = "ERROR", PageSize = 1 },
            TestContext.Current.CancellationToken);

        var first = server.Requests[0];
        Assert.Equal("Logs_20140328.FilterLogEvents", first.Target);
        Assert.Equal("/eksops/app", first.Json.GetProperty("logGroupName").GetString());
        Assert.Equal(Start.ToUnixTimeMilliseconds(), first.Json.GetProperty("startTime").GetInt64());
        Assert.Equal(Start.AddMinutes(5).ToUnixTimeMilliseconds(), first.Json.GetProperty("endTime").GetInt64());
        Assert.Equal("ERROR", first.Json.GetProperty("filterPattern").GetString());
        Assert.Equal(1, first.Json.GetProperty("limit").GetInt32());
        Assert.Equal("f3", server.Requests[2].Json.GetProperty("nextToken").GetString());

        Assert.Equal(3, result.Pages);
        Assert.False(result.Truncated);
        Assert.Equal(["ERROR a", "ERROR b"], result.Events.Select(e => e.Message));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1772359200001), result.Events[0].Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1772359200500), result.Events[0].IngestionTime);
    }

    [Fact]
    public async Task FilterLogEvents_stops_at_MaxEvents_and_reports_truncation()
    {
        await using var server = LoopbackAwsServer.Start((_, n) => ScriptedResponse.Json(
            $$"""{"events":[{"timestamp":{{1772359200000 + n}},"message":"m{{n}}a"},{"timestamp":{{1772359200000 + n}},"message":"m{{n}}b"}],"nextToken":"t{{n}}"}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new CloudWatchLogsClient(pipeline).FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = "/eksops/app", MaxEvents = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(["m0a", "m0b", "m1a"], result.Events.Select(e => e.Message));
        Assert.True(result.Truncated);
        Assert.Equal(3, server.Requests[0].Json.GetProperty("limit").GetInt32());
        Assert.Equal(1, server.Requests[1].Json.GetProperty("limit").GetInt32());
    }
}
