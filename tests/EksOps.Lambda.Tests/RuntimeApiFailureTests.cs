using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class RuntimeApiFailureTests
{
    private static Task<Pong> Echo(Ping ping, ILambdaContext context) => Task.FromResult(new Pong(ping.Name, ping.Count));

    [Fact]
    public async Task RunAsync_returns_1_when_the_Runtime_API_goes_away_while_it_waits_for_an_invocation()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(Echo);
        await harness.InvokeAsync(new Ping("served", 0));
        await harness.Server.FirstNextRequest.Bounded();

        await harness.Server.DisposeAsync();

        Assert.Equal(1, await harness.Run.Bounded());
        var lines = harness.LogLines();
        Assert.Equal(2, lines.Count(line => line.Contains("\tWARN\t", StringComparison.Ordinal) && line.Contains("retrying", StringComparison.Ordinal)));
        Assert.Contains(lines, line =>
            line.Contains("\tFATAL\t", StringComparison.Ordinal) && line.Contains("unreachable after 3 attempts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    public async Task RunAsync_returns_1_when_GET_next_answers_an_error_status(int status)
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(Echo);
        var served = await harness.InvokeAsync(new Ping("served", 0));

        harness.Server.FailNextRequests(status);

        Assert.Equal(1, await harness.Run.Bounded());
        Assert.False(served.IsError);
        var refused = Assert.Single(harness.Server.Requests, r => r.StatusCode == status);
        Assert.Equal("GET", refused.Method);
        Assert.Contains(harness.LogLines(), line =>
            line.Contains("refused GET /next", StringComparison.Ordinal) && line.Contains($"answered {status}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_returns_1_when_nothing_listens_at_the_Runtime_API_address()
    {
        var server = await RuntimeApiServer.StartAsync(cancellationToken: Wait.Token);
        var address = server.Address;
        await server.DisposeAsync();
        var output = new CapturedOutputStream();
        var options = new LambdaRuntimeOptions
        {
            RuntimeApiAddress = address,
            Output = output,
            EnvironmentVariable = _ => null,
            SetTraceIdEnvironmentVariable = false,
        };

        var exitCode = await LambdaRuntime.RunAsync<Ping, Pong>(Echo, TestJsonContext.Default, options, Wait.Token).Bounded();

        Assert.Equal(1, exitCode);
        Assert.Equal(2, output.Lines.Count(line => line.Contains("\tWARN\t", StringComparison.Ordinal) && line.Contains("retrying", StringComparison.Ordinal)));
        Assert.Contains(output.Lines, line => line.Contains("\tFATAL\t", StringComparison.Ordinal) && line.Contains(address, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_RunAsync_while_it_waits_for_an_invocation_returns_0()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(Echo);
        await harness.Server.FirstNextRequest.Bounded();

        Assert.Equal(0, await harness.StopAsync());
        Assert.Empty(harness.LogLines());
    }
}
