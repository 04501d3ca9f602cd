using System.Globalization;
using System.Text.Json;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.EventBridge;

public sealed class EventBridgeClientTests
{
    private static EventEntry Entry(int n, string? detail = null) => new()
    {
        Source = "eksops.remediation",
        DetailType = "Remediation Completed",
        Detail = detail ?? string.Create(CultureInfo.InvariantCulture, $$"""{"n":{{n}}}"""),
    };

    /// <summary>Answers each PutEvents call with one result per entry, from <paramref name="answer"/> (null = success).</summary>
    private static LoopbackAwsServer Server(Func<JsonElement, int, (string Code, string Message)?> answer) =>
        LoopbackAwsServer.Start((request, _) =>
        {
            var results = request.Json.GetProperty("Entries").EnumerateArray().Select(entry =>
                answer(entry, JsonDocument.Parse(entry.GetProperty("Detail").GetString()!).RootElement.GetProperty("n").GetInt32()) is { } failure
                    ? $$"""{"ErrorCode":"{{failure.Code}}","ErrorMessage":"{{failure.Message}}"}"""
                    : $$"""{"EventId":"{{Guid.NewGuid()}}"}""").ToList();
            var failed = results.Count(r => r.Contains("ErrorCode", StringComparison.Ordinal));
            return ScriptedResponse.Json($$"""{"FailedEntryCount":{{failed}},"Entries":[{{string.Join(',', results)}}]}""");
        });

    private static int[] Numbers(RecordedRequest request) =>
        [.. request.Json.GetProperty("Entries").EnumerateArray().Select(e => JsonDocument.Parse(e.GetProperty("Detail").GetString()!).RootElement.GetProperty("n").GetInt32())];

    [Fact]
    public void The_entry_size_follows_AWS_rule_time_14_bytes_plus_UTF8_of_source_detail_type_detail_and_resources()
    {
        var entry = new EventEntry
        {
            Source = "eksops.ré",                    // 10 bytes
            DetailType = "Ünïcode",                   // 9 bytes
            Detail = """{"k":"😀"}""",              // 12 bytes
            Resources = ["arn:aws:eks:eu-west-1:123456789012:cluster/prod", "é"], // 47 + 2 bytes
            EventBusName = "not-counted",
            TraceHeader = "Root=not-counted",
            Time = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal(14 + 10 + 9 + 12 + 47 + 2, entry.Size);
        Assert.Equal(10 + 9 + 12 + 47 + 2, (entry with { Time = null }).Size);
    }

    [Fact]
    public async Task PutEvents_sends_JSON_1_1_with_time_as_epoch_seconds_and_reports_event_ids_in_order()
    {
        await using var server = Server((_, _) => null);
        using var pipeline = TestPipelines.For(server.Endpoint);
        var entry = Entry(0) with
        {
            Resources = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"],
            EventBusName = "eksops",
            Time = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero),
            TraceHeader = "Root=1-67750a40-0123456789abcdef01234567",
        };

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([entry, Entry(1)], TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("AWSEvents.PutEvents", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Contains("/us-east-1/events/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(
            """{"Entries":[{"Time":1735732800,"Source":"eksops.remediation","Resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"],"DetailType":"Remediation Completed","Detail":"{\u0022n\u0022:0}","EventBusName":"eksops","TraceHeader":"Root=1-67750a40-0123456789abcdef01234567"},{"Source":"eksops.remediation","DetailType":"Remediation Completed","Detail":"{\u0022n\u0022:1}"}]}""",
            request.Text);
        Assert.True(result.AllSucceeded);
        Assert.Equal(1, result.Requests);
        Assert.Equal([0, 1], result.Entries.Select(e => e.Index));
        Assert.All(result.Entries, e => Assert.True(Guid.TryParse(e.EventId, out _)));
        Assert.All(result.Entries, e => Assert.Equal(1, e.Attempts));
        Assert.Same(entry, result.Entries[0].Entry);
    }

    [Fact]
    public async Task Twenty_five_entries_go_out_in_order_as_calls_of_ten_ten_and_five()
    {
        await using var server = Server((_, _) => null);
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([.. Enumerable.Range(0, 25).Select(n => Entry(n))], TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Requests);
        Assert.Equal([10, 10, 5], server.Requests.Select(r => Numbers(r).Length).Order().Reverse());
        Assert.Equal(Enumerable.Range(0, 25), server.Requests.SelectMany(Numbers).Order());
        Assert.True(result.AllSucceeded);
        Assert.Equal(25, result.Entries.Count);
    }

    [Fact]
    public async Task Calls_are_cut_at_256_KB_by_the_entry_size_rule_not_only_at_ten_entries()
    {
        await using var server = Server((_, _) => null);
        using var pipeline = TestPipelines.For(server.Endpoint);
        // Each entry: 90,000 bytes of detail plus source and detail type; three do not fit in 262,144.
        var entries = Enumerable.Range(0, 5).Select(n => Entry(n, string.Create(CultureInfo.InvariantCulture, $$"""{"n":{{n}},"pad":"{{new string('p', 89_984)}}"}"""))).ToList();
        Assert.All(entries, e => Assert.Equal(90_000 + "eksops.remediation".Length + "Remediation Completed".Length, e.Size));

        var result = await new EventBridgeClient(pipeline).PutEventsAsync(entries, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Requests);
        Assert.Equal(new[] { new[] { 0, 1 }, [2, 3], [4] }, server.Requests.Select(Numbers).OrderBy(n => n[0]).ToArray());
        Assert.True(result.AllSucceeded);
    }

    [Fact]
    public async Task An_entry_larger_than_256_KB_on_its_own_is_refused_before_anything_is_sent()
    {
        await using var server = Server((_, _) => null);
        using var pipeline = TestPipelines.For(server.Endpoint);
        var huge = Entry(1, "{\"pad\":\"" + new string('p', 262_144) + "\"}");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new EventBridgeClient(pipeline).PutEventsAsync([Entry(0), huge], TestContext.Current.CancellationToken));

        Assert.Contains("Entry 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(huge.Size.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_entry_of_exactly_256_KB_is_sent_alone()
    {
        await using var server = Server((_, _) => null);
        using var pipeline = TestPipelines.For(server.Endpoint);
        var exact = Entry(1, "{\"n\":1,\"pad\":\"" + new string('p', 262_144 - 39 - 16) + "\"}");
        Assert.Equal(262_144, exact.Size);

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([Entry(0), exact, Entry(2)], TestContext.Current.CancellationToken);

        Assert.Equal(new[] { new[] { 0 }, [1], [2] }, server.Requests.Select(Numbers).OrderBy(n => n[0]).ToArray());
        Assert.True(result.AllSucceeded);
    }

    [Fact]
    public async Task Only_entries_that_failed_with_a_retryable_code_are_sent_again_after_a_backoff()
    {
        var calls = 0;
        await using var server = Server((_, n) => (Interlocked.Increment(ref calls), n) switch
        {
            (<= 4, 1) => ("ThrottlingException", "Rate exceeded"),
            (<= 4, 3) => ("InternalFailure", "Try again"),
            (_, 2) => ("MalformedDetail", "Detail is malformed."),
            _ => null,
        });
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([.. Enumerable.Range(0, 4).Select(n => Entry(n))], TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([0, 1, 2, 3], Numbers(server.Requests[0]));
        Assert.Equal([1, 3], Numbers(server.Requests[1]));
        Assert.Equal(2, result.Requests);
        var failed = Assert.Single(result.Failed);
        Assert.Equal(2, failed.Index);
        Assert.Equal("MalformedDetail", failed.ErrorCode);
        Assert.Equal("Detail is malformed.", failed.ErrorMessage);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal([1, 2, 1, 2], result.Entries.Select(e => e.Attempts));
        Assert.True(result.Entries[1].Succeeded);
        Assert.True(result.Entries[3].Succeeded);
        var wait = Assert.Single(time.Delays);
        Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Retries_of_failed_entries_are_bounded_and_the_last_error_is_reported()
    {
        await using var server = Server((_, n) => n == 0 ? ("ThrottlingException", "Rate exceeded") : null);
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);
        var options = new PutEventsOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(1.5) };

        var result = await new EventBridgeClient(pipeline, options).PutEventsAsync([Entry(0), Entry(1)], TestContext.Current.CancellationToken);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(new[] { new[] { 0, 1 }, [0], [0] }, server.Requests.Select(Numbers).ToArray());
        var failed = Assert.Single(result.Failed);
        Assert.Equal(0, failed.Index);
        Assert.Equal("ThrottlingException", failed.ErrorCode);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(1, result.FailedCount);
        Assert.False(result.AllSucceeded);
        Assert.Equal(2, time.Delays.Count);
        Assert.InRange(time.Delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.InRange(time.Delays[1], TimeSpan.Zero, TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A_whole_call_error_fails_that_call_entries_with_its_code_and_other_calls_still_go_out()
    {
        await using var server = LoopbackAwsServer.Start((request, _) => Numbers(request)[0] == 0
            ? ScriptedResponse.Error(400, """{"__type":"AccessDeniedException","Message":"not allowed on this bus"}""", ("x-amzn-RequestId", "req-denied"))
            : ScriptedResponse.Json($$"""{"FailedEntryCount":0,"Entries":[{{string.Join(',', Numbers(request).Select(n => "{\"EventId\":\"id-" + n + "\"}"))}}]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([.. Enumerable.Range(0, 12).Select(n => Entry(n))], TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(Enumerable.Range(0, 10), result.Failed.Select(e => e.Index));
        Assert.All(result.Failed, e => Assert.Equal("AccessDeniedException", e.ErrorCode));
        Assert.All(result.Failed, e => Assert.Equal("not allowed on this bus", e.ErrorMessage));
        Assert.Equal(["id-10", "id-11"], result.Entries.Skip(10).Select(e => e.EventId));
    }

    [Fact]
    public async Task Entries_the_response_has_no_result_for_fail_as_MissingEntryResult()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":"only-one"}]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([Entry(0), Entry(1)], TestContext.Current.CancellationToken);

        Assert.Equal("only-one", result.Entries[0].EventId);
        Assert.Equal(EventBridgeClient.MissingEntryResult, Assert.Single(result.Failed).ErrorCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task No_entries_make_no_call()
    {
        await using var server = Server((_, _) => null);
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([], TestContext.Current.CancellationToken);

        Assert.Empty(result.Entries);
        Assert.Equal(0, result.Requests);
        Assert.Empty(server.Requests);
    }
}
