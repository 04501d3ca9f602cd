using System.Net;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

public sealed class PipelineRetryTests
{
    private static readonly ScriptedResponse Throttled = ScriptedResponse.Error(
        400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", ("x-amzn-RequestId", "req-throttled"));

    private static AwsJsonClient Logs(AwsHttpPipeline pipeline) => new(pipeline, AwsJsonService.CloudWatchLogs);

    [Fact]
    public async Task Throttled_twice_then_success_returns_the_third_answer_after_two_backoff_waits()
    {
        await using var server = LoopbackAwsServer.Script(Throttled, Throttled, ScriptedResponse.Json("""{"ok":1}"""));
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);

        var body = await Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken);

        Assert.Equal("""{"ok":1}""", System.Text.Encoding.UTF8.GetString(body.Span));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, time.Delays.Count);
        // Full jitter: each wait lies between 1 ms (the floor) and the cap of its retry (200 ms, then 400 ms).
        Assert.InRange(time.Delays[0], TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(200));
        Assert.InRange(time.Delays[1], TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Every_attempt_is_signed_afresh()
    {
        await using var server = LoopbackAwsServer.Script(Throttled, ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken);

        Assert.All(server.Requests, r =>
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", r.Header("Authorization"), StringComparison.Ordinal);
            Assert.Contains("/us-east-1/logs/aws4_request", r.Header("Authorization"), StringComparison.Ordinal);
            Assert.NotNull(r.Header("X-Amz-Date"));
            Assert.NotNull(r.Header("X-Amz-Content-SHA256"));
        });
    }

    [Fact]
    public async Task Throttling_on_every_attempt_throws_AwsThrottlingException_with_the_attempt_count()
    {
        await using var server = LoopbackAwsServer.Script(Throttled);
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() =>
            Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken));

        Assert.Equal(4, error.Attempts);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.ErrorMessage);
        Assert.Equal("req-throttled", error.RequestId);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Retry_After_in_seconds_sets_the_wait_before_the_next_attempt()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Error(429, """{"message":"slow down"}""", ("Retry-After", "3")),
            ScriptedResponse.Json("{}"));
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);

        await Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], time.Delays);
    }

    [Fact]
    public async Task Retry_After_longer_than_the_honoured_maximum_fails_at_once_and_reports_the_wait()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Error(503, """{"__type":"ServiceUnavailableException"}""", ("Retry-After", "120")));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken));

        Assert.Single(server.Requests);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task A_400_validation_error_is_not_retried()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Error(
            400, """{"__type":"InvalidParameterException","message":"bad limit"}""", ("x-amzn-RequestId", "req-400")));
        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(server.Endpoint, time);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Logs(pipeline).InvokeRawAsync("FilterLogEvents", default, TestContext.Current.CancellationToken));

        Assert.IsNotType<AwsThrottlingException>(error);
        Assert.Single(server.Requests);
        Assert.Empty(time.Delays);
        Assert.Equal(1, error.Attempts);
        Assert.False(error.IsRetryable);
        Assert.Equal("InvalidParameterException", error.ErrorCode);
        Assert.Equal("logs", error.Service);
        Assert.Equal("FilterLogEvents", error.Operation);
        Assert.Contains("bad limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("req-400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_is_retried_and_then_succeeds()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Error(500, """{"__type":"InternalFailure"}"""), ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var response = await pipeline.SendAsync(
            new AwsOperation("logs", "logs", "Any"),
            endpoint => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent("{}") },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, response.Attempts);
        Assert.Equal("req-ok", response.RequestId);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_as_a_transient_network_error()
    {
        await using var server = LoopbackAwsServer.Script(new ScriptedResponse(200) { Abort = true }, ScriptedResponse.Json("""{"n":2}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var body = await Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken);

        Assert.Equal("""{"n":2}""", System.Text.Encoding.UTF8.GetString(body.Span));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_refused_connection_fails_with_HttpRequestException_after_all_attempts()
    {
        Uri unused;
        await using (var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}")))
        {
            unused = server.Endpoint;
        }

        var time = new RecordingTimeProvider();
        using var pipeline = TestPipelines.For(unused, time, o => o.Retry.MaxAttempts = 3);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken));
        Assert.Equal(2, time.Delays.Count);
    }

    [Fact]
    public async Task An_attempt_that_outlives_its_timeout_is_retried()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Json("{}") with { Delay = TimeSpan.FromSeconds(10) },
            ScriptedResponse.Json("""{"second":true}"""));
        using var pipeline = TestPipelines.For(server.Endpoint, configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(1));

        var body = await Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken);

        Assert.Equal("""{"second":true}""", System.Text.Encoding.UTF8.GetString(body.Span));
    }

    [Fact]
    public async Task Every_attempt_timing_out_throws_TimeoutException()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}") with { Delay = TimeSpan.FromSeconds(10) });
        using var pipeline = TestPipelines.For(server.Endpoint, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Retry.MaxAttempts = 2;
        });

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, TestContext.Current.CancellationToken));
        Assert.Contains("attempt 2 of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_turn_that_outlives_its_timeout_is_not_started_again()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Json("{}") with { Delay = TimeSpan.FromSeconds(10) },
            ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint, configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        var agents = new BedrockAgentRuntimeClient(pipeline);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => agents.InvokeAgentAsync(
            new InvokeAgentRequest { AgentId = "AGENT12345", AgentAliasId = "ALIAS12345", SessionId = "incident-1", InputText = "diagnose" },
            TestContext.Current.CancellationToken));

        Assert.Contains("InvokeAgent", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_while_the_server_is_slow_throws_OperationCanceledException_without_retrying()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}") with { Delay = TimeSpan.FromSeconds(10) });
        using var pipeline = TestPipelines.For(server.Endpoint);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, cts.Token);
        while (server.Requests.Count == 0)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_during_a_backoff_wait_stops_retrying()
    {
        await using var server = LoopbackAwsServer.Script(Throttled);
        var time = new RecordingTimeProvider(hold: true);
        using var pipeline = TestPipelines.For(server.Endpoint, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = Logs(pipeline).InvokeRawAsync("DescribeLogGroups", default, cts.Token);
        while (time.Delays.Count == 0)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_streamed_response_is_handed_over_unread_after_a_retried_throttle()
    {
        await using var server = LoopbackAwsServer.Script(Throttled, ScriptedResponse.Json("""{"stream":"body"}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        using var response = await pipeline.SendStreamingAsync(
            new AwsOperation("bedrock-agent-runtime", "bedrock", "InvokeAgent"),
            endpoint => new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "agents/A/agentAliases/B/sessions/s%201/text")) { Content = new StringContent("{}") },
            TestContext.Current.CancellationToken);

        Assert.Equal("""{"stream":"body"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("/agents/A/agentAliases/B/sessions/s%201/text", server.Requests[1].PathAndQuery);
        Assert.Contains("/us-east-1/bedrock/aws4_request", server.Requests[1].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_is_full_jitter_under_an_exponential_cap_and_never_below_Retry_After()
    {
        var retry = new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(1), AwsHttpPipeline.Backoff(retry, 1, null, 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(50), AwsHttpPipeline.Backoff(retry, 1, null, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(400), AwsHttpPipeline.Backoff(retry, 3, null, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(1), AwsHttpPipeline.Backoff(retry, 10, null, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(2), AwsHttpPipeline.Backoff(retry, 2, TimeSpan.FromSeconds(2), 0.9));
        Assert.Equal(TimeSpan.FromMilliseconds(180), AwsHttpPipeline.Backoff(retry, 2, TimeSpan.FromMilliseconds(10), 0.9));
    }
}
