using System.Collections.Concurrent;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class InvocationLoopTests
{
    private static Task<Pong> Greet(Ping ping, ILambdaContext context)
    {
        context.Logger.LogInformation($"greeting {ping.Name}");
        return Task.FromResult(new Pong($"hello {ping.Name}", ping.Count + 1));
    }

    [Fact]
    public async Task A_handler_result_is_posted_as_the_invocation_response()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(Greet);

        var result = await harness.InvokeAsync(new Ping("ada", 41));

        Assert.False(result.IsError, result.ToString());
        var pong = JsonSerializer.Deserialize(result.Payload.Span, TestJsonContext.Default.Pong);
        Assert.Equal(new Pong("hello ada", 42), pong);
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal(1, harness.Server.AnswerCount(result.RequestId));
        var post = Assert.Single(harness.Server.Requests, r => r.Method == "POST");
        Assert.Equal($"/2018-06-01/runtime/invocation/{result.RequestId}/response", post.Target);
        Assert.Equal(202, post.StatusCode);
        Assert.StartsWith("eksops-lambda-runtime/", post.Headers["user-agent"], StringComparison.Ordinal);
        var log = await harness.Output.WaitForLineAsync(line => line.Contains("greeting ada", StringComparison.Ordinal), Wait.Token).Bounded();
        Assert.Contains(result.RequestId, log, StringComparison.Ordinal);
        Assert.Equal(0, await harness.StopAsync());
    }

    [Fact]
    public async Task A_thousand_invocations_are_each_answered_exactly_once_in_order()
    {
        const int Count = 1000;
        var seen = new ConcurrentQueue<int>();
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, _) =>
        {
            seen.Enqueue(ping.Count);
            return Task.FromResult(new Pong(ping.Name, ping.Count));
        });

        // All are queued before the runtime takes the first one, so the order is the server's queue order.
        var invocations = Enumerable.Range(0, Count)
            .Select(i => harness.Server.InvokeAsync(
                $$"""{"Name":"n{{i}}","Count":{{i}}}""", new InvocationOptions { RequestId = $"req-{i:D4}" }, Wait.Token))
            .ToList();
        var results = await Task.WhenAll(invocations).Bounded();

        Assert.Equal(Enumerable.Range(0, Count), seen);
        for (var i = 0; i < Count; i++)
        {
            var result = results[i];
            Assert.False(result.IsError, result.ToString());
            Assert.Equal($"req-{i:D4}", result.RequestId);
            Assert.Equal($$"""{"Message":"n{{i}}","Count":{{i}}}""", result.PayloadText);
            Assert.Equal(1, harness.Server.AnswerCount(result.RequestId));
        }

        var posts = harness.Server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(Count, posts.Count);
        Assert.All(posts, post => Assert.Equal(202, post.StatusCode));
        Assert.Equal(results.Select(r => r.RequestId), posts.Select(p => p.RequestId));
        Assert.Equal(0, await harness.StopAsync());
    }

    [Fact]
    public async Task Handler_exception_is_reported_on_the_error_route_and_the_loop_continues()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(async (ping, context) =>
        {
            await Task.Yield();
            return ping.Name == "fail" ? throw new InvalidOperationException("boom") : new Pong("ok", 0);
        });

        var failed = await harness.InvokeAsync(new Ping("fail", 0));
        var next = await harness.InvokeAsync(new Ping("fine", 0));

        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        Assert.Equal("InvalidOperationException", failed.ErrorTypeHeader);
        Assert.Equal("boom", failed.ErrorMessage);
        Assert.Equal("application/vnd.aws.lambda.error+json", failed.ContentType);
        Assert.NotEmpty(failed.StackTrace);
        Assert.Contains(failed.StackTrace, frame => frame.StartsWith("at ", StringComparison.Ordinal) && frame.Contains(nameof(InvocationLoopTests), StringComparison.Ordinal));
        Assert.All(failed.StackTrace, frame => Assert.Equal(frame.Trim(), frame));
        Assert.Equal(JsonValueKind.Array, failed.ErrorDocument!.Value.GetProperty("stackTrace").ValueKind);
        Assert.False(failed.ErrorDocument.Value.TryGetProperty("cause", out _));
        var post = Assert.Single(harness.Server.Requests, r => r.RequestId == failed.RequestId && r.Method == "POST");
        Assert.EndsWith("/error", post.Target, StringComparison.Ordinal);
        Assert.Equal("InvalidOperationException", post.Headers["Lambda-Runtime-Function-Error-Type"]);

        Assert.False(next.IsError, next.ToString());
        Assert.Equal(1, harness.Server.AnswerCount(failed.RequestId));
        Assert.Contains(harness.Output.Lines, line =>
            line.Contains(failed.RequestId, StringComparison.Ordinal) && line.Contains("\tERROR\t", StringComparison.Ordinal) &&
            line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exception_thrown_before_the_handler_awaits_is_reported_the_same_way()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((_, _) => throw new NotSupportedException("sync"));

        var result = await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal("NotSupportedException", result.ErrorType);
        Assert.Equal("sync", result.ErrorMessage);
    }

    [Fact]
    public async Task An_inner_exception_is_reported_as_the_cause()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((_, _) =>
        {
            try
            {
                throw new TimeoutException("kubernetes API did not answer");
            }
            catch (TimeoutException inner)
            {
                throw new InvalidOperationException("diagnosis failed", inner);
            }
        });

        var result = await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal("InvalidOperationException", result.ErrorType);
        var cause = result.ErrorDocument!.Value.GetProperty("cause");
        Assert.Equal("TimeoutException", cause.GetProperty("errorType").GetString());
        Assert.Equal("kubernetes API did not answer", cause.GetProperty("errorMessage").GetString());
        Assert.NotEmpty(cause.GetProperty("stackTrace").EnumerateArray());
    }

    [Fact]
    public async Task An_aggregate_exception_with_one_inner_exception_is_reported_as_that_exception()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((_, _) =>
            throw new AggregateException(new AggregateException(new ArgumentException("bad cluster name"))));

        var result = await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal("ArgumentException", result.ErrorType);
        Assert.Equal("ArgumentException", result.ErrorTypeHeader);
        Assert.Equal("bad cluster name", result.ErrorMessage);
    }

    [Fact]
    public async Task An_aggregate_exception_with_several_inner_exceptions_lists_them_as_causes()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((_, _) =>
            throw new AggregateException(new ArgumentException("first"), new FormatException("second")));

        var result = await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal("AggregateException", result.ErrorType);
        var causes = result.ErrorDocument!.Value.GetProperty("causes").EnumerateArray()
            .Select(c => (c.GetProperty("errorType").GetString(), c.GetProperty("errorMessage").GetString()))
            .ToList();
        Assert.Equal([("ArgumentException", "first"), ("FormatException", "second")], causes);
    }

    [Fact]
    public async Task A_huge_exception_message_is_cut_so_the_error_document_stays_under_256_KB()
    {
        var message = new string('m', 400 * 1024);
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((_, _) => throw new InvalidOperationException(message));

        var result = await harness.InvokeAsync(new Ping("x", 0));

        Assert.True(result.Payload.Length <= 256 * 1024, $"{result.Payload.Length} bytes");
        Assert.Equal("InvalidOperationException", result.ErrorType);
        Assert.StartsWith("mmmm", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("truncated", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_over_6_MB_is_reported_as_ResponseTooLargeException_instead_of_being_posted()
    {
        // A JSON string of n characters is n + 2 bytes.
        const int Limit = 6 * 1024 * 1024;
        await using var harness = await RuntimeHarness.StartAsync<Ping, string>((ping, _) => Task.FromResult(new string('x', ping.Count)));

        var tooLarge = await harness.InvokeAsync(new Ping("big", Limit - 1));
        var atLimit = await harness.InvokeAsync(new Ping("limit", Limit - 2));

        Assert.True(tooLarge.IsError);
        Assert.Equal("ResponseTooLargeException", tooLarge.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", tooLarge.ContentType);
        var post = Assert.Single(harness.Server.Requests, r => r.RequestId == tooLarge.RequestId && r.Method == "POST");
        Assert.EndsWith("/error", post.Target, StringComparison.Ordinal);
        Assert.Equal(202, post.StatusCode);

        Assert.False(atLimit.IsError, atLimit.ToString());
        Assert.Equal(Limit, atLimit.Payload.Length);
    }
}
