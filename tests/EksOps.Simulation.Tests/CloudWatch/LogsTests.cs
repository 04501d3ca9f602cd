using System.Globalization;
using EksOps.Aws;
using EksOps.Aws.Logs;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Tests.CloudWatch.Support;

namespace EksOps.Simulation.Tests.CloudWatch;

/// <summary>FilterLogEvents and Logs Insights through the production client: patterns, ranges, streams, paging, the query subset, errors.</summary>
public sealed class LogsTests
{
    private const string Group = "/aws/containerinsights/prod-eks/application";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset T0 = Now.AddMinutes(-5);

    private static readonly SimulatedLogEvent[] Events =
    [
        new(Group, "api-0", T0, "INFO started"),
        new(Group, "api-1", T0.AddSeconds(5), """{"level":"error","msg":"dial tcp 10.0.3.7:5432: connect: connection refused","status":503,"retry":true}"""),
        new(Group, "api-0", T0.AddSeconds(10), "ERROR OOMKilled container api"),
        new(Group, "api-1", T0.AddSeconds(15), """{"level":"info","msg":"GET /healthz","status":200,"retry":false}"""),
        new(Group, "api-0", T0.AddSeconds(20), "ERROR back-off restarting failed container"),
        new(Group, "worker-0", T0.AddSeconds(65), "WARN queue depth 1200"),
        new(Group, "api-1", T0.AddSeconds(70), """{"level":"error","msg":"timeout calling payments","status":504,"retry":true,"user":{"id":"u-1"}}"""),
    ];

    private static SimulatedCloudWatch Data() => new([], [], Events, Now, logGroupNames: ["/aws/containerinsights/prod-eks/performance"]);

    private static async Task<IReadOnlyList<string>> FilterAsync(SimulatorClients clients, FilterLogEventsRequest request) =>
        [.. (await clients.Logs.FilterLogEventsAsync(request, TestContext.Current.CancellationToken)).Events.Select(e => e.Message!)];

    [Theory]
    [InlineData("ERROR", new[] { 2, 4 })]
    [InlineData("ERROR container", new[] { 2, 4 })]
    [InlineData("ERROR OOMKilled", new[] { 2 })]
    [InlineData("\"back-off restarting\"", new[] { 4 })]
    [InlineData("?OOMKilled ?WARN", new[] { 2, 5 })]
    [InlineData("ERROR -OOMKilled", new[] { 4 })]
    [InlineData("error", new[] { 1, 6 })]
    [InlineData("%ERROR (OOM|back)%", new[] { 2, 4 })]
    [InlineData("{ $.level = \"error\" }", new[] { 1, 6 })]
    [InlineData("{ $.level = err* }", new[] { 1, 6 })]
    [InlineData("{ $.status >= 500 && $.retry IS TRUE }", new[] { 1, 6 })]
    [InlineData("{ $.status != 503 }", new[] { 3, 6 })]
    [InlineData("{ ($.status = 200) || ($.user.id = \"u-1\") }", new[] { 3, 6 })]
    [InlineData("{ $.user NOT EXISTS }", new[] { 1, 3 })]
    [InlineData("{ $.msg = %connection (refused|reset)% }", new[] { 1 })]
    [InlineData("", new[] { 0, 1, 2, 3, 4, 5, 6 })]
    public async Task A_filter_pattern_selects_the_events_CloudWatch_Logs_would(string pattern, int[] expected)
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var messages = await FilterAsync(clients, new FilterLogEventsRequest { LogGroupName = Group, FilterPattern = pattern });

        Assert.Equal(expected.Select(i => Events[i].Message), messages);
    }

    [Fact]
    public async Task Events_come_interleaved_across_streams_in_time_order_with_their_ids_and_times()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var result = await clients.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = Group }, TestContext.Current.CancellationToken);

        Assert.Equal(Events.Select(e => e.LogStreamName), result.Events.Select(e => e.LogStreamName));
        Assert.Equal(Events.Select(e => e.Timestamp), result.Events.Select(e => e.Timestamp));
        Assert.Equal(Events.Select(e => e.Timestamp), result.Events.Select(e => e.IngestionTime));
        Assert.Equal(Events.Length, result.Events.Select(e => e.EventId).Distinct().Count());
        Assert.All(result.Events, e => Assert.Matches("^[0-9]{56}$", e.EventId!));
    }

    [Fact]
    public async Task The_time_range_includes_both_ends_and_streams_narrow_by_name_or_prefix()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var range = await FilterAsync(clients, new FilterLogEventsRequest { LogGroupName = Group, StartTime = T0.AddSeconds(5), EndTime = T0.AddSeconds(15) });
        var named = await FilterAsync(clients, new FilterLogEventsRequest { LogGroupName = Group, LogStreamNames = ["worker-0", "api-0"] });
        var prefixed = await FilterAsync(clients, new FilterLogEventsRequest { LogGroupName = Group, LogStreamNamePrefix = "api-1" });

        Assert.Equal([1, 2, 3], range.Select(m => Array.FindIndex(Events, e => e.Message == m)));
        Assert.Equal([0, 2, 4, 5], named.Select(m => Array.FindIndex(Events, e => e.Message == m)));
        Assert.Equal([1, 3, 6], prefixed.Select(m => Array.FindIndex(Events, e => e.Message == m)));
    }

    [Fact]
    public async Task A_limit_pages_the_events_and_the_client_follows_nextToken()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var result = await clients.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = Group, PageSize = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(Events.Select(e => e.Message), result.Events.Select(e => e.Message));
        Assert.Equal(4, result.Pages);
        Assert.False(result.Truncated);
    }

    [Fact]
    public async Task A_group_given_by_its_ARN_is_the_same_group()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var messages = await FilterAsync(clients, new FilterLogEventsRequest { LogGroupIdentifier = $"arn:aws:logs:us-east-1:123456789012:log-group:{Group}:*", FilterPattern = "WARN" });

        Assert.Equal([Events[5].Message], messages);
    }

    [Fact]
    public async Task An_existing_group_without_events_answers_no_events()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var messages = await FilterAsync(clients, new FilterLogEventsRequest { LogGroupName = "/aws/containerinsights/prod-eks/performance" });

        Assert.Empty(messages);
    }

    [Fact]
    public async Task An_unknown_group_is_a_ResourceNotFoundException_as_CloudWatch_Logs_answers()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = "/aws/containerinsights/other/application" }, TestContext.Current.CancellationToken));

        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "ResourceNotFoundException", "The specified log group does not exist."), (error.StatusCode, error.ErrorCode, error.ErrorMessage));
        Assert.NotNull(error.RequestId);
    }

    [Theory]
    [InlineData("[ip, user, status]")]
    [InlineData("{ $.level = }")]
    [InlineData("\"unclosed")]
    public async Task A_pattern_that_cannot_be_parsed_is_an_InvalidParameterException(string pattern)
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = Group, FilterPattern = pattern }, TestContext.Current.CancellationToken));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    private static StartQueryRequest Query(string text, int? limit = null) => new()
    {
        QueryString = text,
        LogGroupNames = [Group],
        StartTime = T0,
        EndTime = Now,
        Limit = limit,
    };

    private static async Task<QueryResults> RunAsync(SimulatorClients clients, string text, int? limit = null) =>
        await clients.Logs.RunQueryAsync(Query(text, limit), new QueryWaitOptions { Timeout = TimeSpan.FromSeconds(20), InitialInterval = TimeSpan.FromMilliseconds(20) }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_query_with_fields_filter_like_a_regex_sort_and_limit_returns_those_rows_and_a_pointer()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var results = await RunAsync(clients, "fields @timestamp, @message, @logStream | filter @message like /ERROR|error/ | sort @timestamp desc | limit 3");

        Assert.Equal(QueryStatus.Complete, results.Status);
        Assert.Equal([Events[6].Message, Events[4].Message, Events[2].Message], results.Rows.Select(r => r["@message"]));
        Assert.Equal(["@timestamp", "@message", "@logStream", "@ptr"], results.Rows[0].Fields.Select(f => f.Field));
        Assert.Equal("2026-11-20 09:58:10.000", results.Rows[0]["@timestamp"]);
        Assert.Equal((4.0, 7.0), (results.Statistics!.RecordsMatched, results.Statistics.RecordsScanned));
        Assert.True(results.Statistics.BytesScanned > 0);
    }

    [Fact]
    public async Task Like_with_a_string_matches_a_substring_and_JSON_fields_are_discovered()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var substring = await RunAsync(clients, "filter @message like \"back-off\" | fields @message");
        var json = await RunAsync(clients, "filter level = \"error\" and status >= 504 | fields msg, user.id as user, status");

        Assert.Equal([Events[4].Message], substring.Rows.Select(r => r["@message"]));
        var row = Assert.Single(json.Rows);
        Assert.Equal(("timeout calling payments", "u-1", "504"), (row["msg"], row["user"], row["status"]));
    }

    [Fact]
    public async Task Stats_count_by_bin_groups_the_events_by_time()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var results = await RunAsync(clients, "stats count(*) as events by bin(1m)");

        Assert.Equal([("2026-11-20 09:57:00.000", "5"), ("2026-11-20 09:58:00.000", "2")], results.Rows.Select(r => (r["bin(1m)"], r["events"])));
        Assert.Equal(["bin(1m)", "events"], results.Rows[0].Fields.Select(f => f.Field));
    }

    [Fact]
    public async Task Stats_by_a_field_then_sort_orders_the_groups()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var results = await RunAsync(clients, "filter ispresent(status) | stats count(*) as n, max(status) as worst by level | sort n desc");

        Assert.Equal([("error", "2", "504"), ("info", "1", "200")], results.Rows.Select(r => (r["level"], r["n"], r["worst"])));
    }

    [Fact]
    public async Task Without_fields_a_row_shows_the_default_fields()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var results = await RunAsync(clients, "filter @message like /WARN/", limit: 5);

        var row = Assert.Single(results.Rows);
        Assert.Equal(["@timestamp", "@message", "@logStream", "@log", "@ptr"], row.Fields.Select(f => f.Field));
        Assert.Equal(("worker-0", "123456789012:" + Group), (row["@logStream"], row["@log"]));
    }

    [Theory]
    [InlineData("fields @message | parse @message \"* *\" as a, b", "parse command is not supported")]
    [InlineData("fields @message | filter", "unexpected symbol")]
    [InlineData("fields @message | limit 0", "limit takes a whole number")]
    [InlineData("fields @message | frobnicate", "unexpected symbol 'frobnicate'")]
    public async Task An_unsupported_or_invalid_query_is_a_MalformedQueryException(string text, string problem)
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.StartQueryAsync(Query(text), TestContext.Current.CancellationToken));

        Assert.Equal(("MalformedQueryException", System.Net.HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        Assert.Contains(problem, error.ErrorMessage, StringComparison.Ordinal);
        var compile = clients.Simulator.Requests[^1];
        Assert.Equal(("logs", "StartQuery", 400, "MalformedQueryException"), (compile.Service, compile.Operation, compile.StatusCode, compile.ErrorCode));
    }

    [Fact]
    public async Task A_malformed_query_error_carries_the_compile_error_location()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());
        const string Text = "fields @message | dedup @message";

        var response = await RawHttp.PostAsync(clients.Simulator.Endpoint, "Logs_20140328.StartQuery",
            $$"""{"logGroupNames":["{{Group}}"],"startTime":1,"endTime":2,"queryString":"{{Text}}"}""");

        Assert.Equal(400, response.Status);
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.Equal("MalformedQueryException", response.Json.GetProperty("__type").GetString());
        var location = response.Json.GetProperty("queryCompileError").GetProperty("location");
        Assert.Equal(Text.IndexOf("dedup", StringComparison.Ordinal), location.GetProperty("startCharOffset").GetInt32());
        Assert.Equal(Text.IndexOf("dedup", StringComparison.Ordinal) + 4, location.GetProperty("endCharOffset").GetInt32());
    }

    [Fact]
    public async Task A_query_is_scheduled_then_running_then_complete_with_statistics_only_when_complete()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(), new CloudWatchSimulatorOptions { QueryPollsBeforeComplete = 2 });
        var id = await clients.Logs.StartQueryAsync(Query("fields @message | limit 1"), TestContext.Current.CancellationToken);

        var first = await clients.Logs.GetQueryResultsAsync(id, TestContext.Current.CancellationToken);
        var second = await clients.Logs.GetQueryResultsAsync(id, TestContext.Current.CancellationToken);
        var third = await clients.Logs.GetQueryResultsAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal([QueryStatus.Scheduled, QueryStatus.Running, QueryStatus.Complete], [first.Status, second.Status, third.Status]);
        Assert.Empty(first.Rows);
        Assert.Equal(0, second.Statistics!.RecordsScanned);
        Assert.Single(third.Rows);
        Assert.Equal(7, third.Statistics!.RecordsScanned);
    }

    [Fact]
    public async Task StopQuery_cancels_a_running_query_and_reports_failure_for_a_finished_one()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(), new CloudWatchSimulatorOptions { QueryPollsBeforeComplete = 5 });
        var running = await clients.Logs.StartQueryAsync(Query("fields @message"), TestContext.Current.CancellationToken);

        var stopped = await clients.Logs.StopQueryAsync(running, TestContext.Current.CancellationToken);
        var after = await clients.Logs.GetQueryResultsAsync(running, TestContext.Current.CancellationToken);
        var again = await clients.Logs.StopQueryAsync(running, TestContext.Current.CancellationToken);

        Assert.True(stopped);
        Assert.Equal(QueryStatus.Cancelled, after.Status);
        Assert.False(again);
    }

    [Fact]
    public async Task Waiting_past_the_deadline_stops_the_query_and_returns_what_it_has()
    {
        await using var clients = await SimulatorClients.StartAsync(Data(), new CloudWatchSimulatorOptions { QueryPollsBeforeComplete = 1000 });

        var results = await clients.Logs.RunQueryAsync(
            Query("fields @message"),
            new QueryWaitOptions { Timeout = TimeSpan.Zero },
            TestContext.Current.CancellationToken);

        Assert.True(results.DeadlineReached);
        Assert.Contains(clients.Simulator.Requests, r => r.Operation == "StopQuery" && r.StatusCode == 200);
    }

    [Fact]
    public async Task A_query_over_an_unknown_group_is_a_ResourceNotFoundException()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.StartQueryAsync(
            Query("fields @message") with { LogGroupNames = ["/missing"] }, TestContext.Current.CancellationToken));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("Log group '/missing' does not exist for account ID '123456789012'", error.ErrorMessage);
    }

    [Fact]
    public async Task An_unknown_query_id_is_a_ResourceNotFoundException()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.GetQueryResultsAsync("no-such-query", TestContext.Current.CancellationToken));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}
