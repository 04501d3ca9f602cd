using System.Diagnostics;
using EksOps.Lambda.Testing;

namespace EksOps.Benchmarks;

/// <summary>
/// A warm function's round trip per invocation through the loopback Runtime API (queue the event, the runtime's
/// <c>GET /next</c>, the handler, <c>POST /response</c>), and the process's resident memory after the run.
/// </summary>
internal static class WarmInvocations
{
    public sealed record Result(double[] RoundTripMs, long RssBytes, int Errors);

    public static async Task<Result> MeasureAsync(string path, byte[] invocationEvent, int invocations, int warmup)
    {
        await using var server = await RuntimeApiServer.StartAsync();
        await using var process = LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = path,
            FunctionName = "bench",
            LogFormat = "JSON",
            // Logs go to a pipe the benchmark drains; Lambda's own stdout capture is no cheaper.
            Environment = new Dictionary<string, string?> { ["EKSOPS_METRICS_NAMESPACE"] = "EksOpsBench" },
        });

        var errors = 0;
        for (var i = 0; i < warmup; i++)
        {
            errors += (await server.InvokeAsync(invocationEvent)).IsError ? 1 : 0;
        }

        var samples = new double[invocations];
        for (var i = 0; i < invocations; i++)
        {
            var began = Stopwatch.GetTimestamp();
            var result = await server.InvokeAsync(invocationEvent);
            samples[i] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            errors += result.IsError ? 1 : 0;
        }

        // VmRSS: what the kernel counts against a Lambda's memory.
        return new Result(samples, process.ReadMemory()?.ResidentBytes ?? -1, errors);
    }
}
