using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

/// <summary>Sets the process-wide <c>_X_AMZN_TRACE_ID</c>, so it runs alone.</summary>
[CollectionDefinition(nameof(TraceIdEnvironmentTests), DisableParallelization = true)]
[Collection(nameof(TraceIdEnvironmentTests))]
public sealed class TraceIdEnvironmentTests
{
    [Fact]
    public async Task The_trace_header_is_set_as_X_AMZN_TRACE_ID_for_each_invocation()
    {
        const string First = "Root=1-65a1b2c3-000000000000000000000001;Parent=0000000000000001;Sampled=1";
        const string Second = "Root=1-65a1b2c3-000000000000000000000002;Parent=0000000000000002;Sampled=0";
        var previous = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
        try
        {
            await using var harness = await RuntimeHarness.StartAsync<Ping, string>(
                (_, _) => Task.FromResult(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "unset"),
                setTraceIdEnvironmentVariable: true);

            var first = await harness.InvokeAsync(new Ping("a", 0), new InvocationOptions { TraceId = First });
            var second = await harness.InvokeAsync(new Ping("b", 0), new InvocationOptions { TraceId = Second });
            var none = await harness.InvokeAsync(new Ping("c", 0), new InvocationOptions { TraceId = "" });

            Assert.Equal($"\"{First}\"", first.PayloadText);
            Assert.Equal($"\"{Second}\"", second.PayloadText);
            Assert.Equal("\"unset\"", none.PayloadText);
        }
        finally
        {
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", previous);
        }
    }
}
