using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class InitializationTests
{
    [Fact]
    public async Task An_initializer_exception_is_posted_to_init_error_and_RunAsync_returns_1()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            () => throw new InvalidOperationException("INCIDENT_TABLE is not set"));

        var error = await harness.Server.InitErrorReported.Bounded();
        var exitCode = await harness.Run.Bounded();
        var invocation = await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal(1, exitCode);
        Assert.Equal("InvalidOperationException", error.ErrorType);
        Assert.Equal("InvalidOperationException", error.ErrorTypeHeader);
        Assert.Equal("INCIDENT_TABLE is not set", error.ErrorMessage);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.NotEmpty(error.StackTrace);
        Assert.Equal(0, harness.Server.NextRequestCount);
        Assert.True(invocation.IsError);
        Assert.Equal("InvalidOperationException", invocation.ErrorType);
        Assert.Equal("INCIDENT_TABLE is not set", invocation.ErrorMessage);
        Assert.Contains(harness.Output.Lines, line =>
            line.Contains("\tFATAL\t", StringComparison.Ordinal) && line.Contains("INCIDENT_TABLE is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_JSON_context_without_the_event_type_fails_initialization_with_a_message_naming_the_type()
    {
        await using var harness = await RuntimeHarness.StartAsync<Unlisted, Pong>(
            (_, _) => Task.FromResult(new Pong("never", 0)));

        var error = await harness.Server.InitErrorReported.Bounded();

        Assert.Equal(1, await harness.Run.Bounded());
        Assert.Equal("InvalidOperationException", error.ErrorType);
        Assert.Contains("[JsonSerializable(typeof(Unlisted))]", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_context_without_the_response_type_fails_initialization_too()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Unlisted>(
            (_, _) => Task.FromResult(new Unlisted("never")));

        var error = await harness.Server.InitErrorReported.Bounded();

        Assert.Equal(1, await harness.Run.Bounded());
        Assert.Contains(nameof(Unlisted), error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_initializer_runs_once_before_the_first_invocation()
    {
        var initializations = 0;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(() =>
        {
            Interlocked.Increment(ref initializations);
            return (ping, _) => Task.FromResult(new Pong(ping.Name, Volatile.Read(ref initializations)));
        });

        var first = await harness.InvokeAsync(new Ping("a", 0));
        var second = await harness.InvokeAsync(new Ping("b", 0));

        Assert.Equal("""{"Message":"a","Count":1}""", first.PayloadText);
        Assert.Equal("""{"Message":"b","Count":1}""", second.PayloadText);
        Assert.Equal(1, initializations);
    }

    [Fact]
    public async Task Without_a_Runtime_API_address_RunAsync_returns_1_and_says_why()
    {
        var output = new CapturedOutputStream();
        var options = new LambdaRuntimeOptions { Output = output, EnvironmentVariable = _ => null, SetTraceIdEnvironmentVariable = false };

        var exitCode = await LambdaRuntime.RunAsync<Ping, Pong>(
            (ping, _) => Task.FromResult(new Pong(ping.Name, 0)), TestJsonContext.Default, options, Wait.Token).Bounded();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Lines);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", line, StringComparison.Ordinal);
        Assert.Contains("\tFATAL\t", line, StringComparison.Ordinal);
    }
}
