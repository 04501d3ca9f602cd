using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

/// <summary>AlarmIngest started as Lambda runs it (a child process on a Runtime API), for the process-level tests.</summary>
internal static class AlarmIngestProcess
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Starts the <paramref name="build"/> (jit or aot) of AlarmIngest with JSON logs and <paramref name="environment"/>.</summary>
    public static LambdaProcess Start(RuntimeApiServer server, string build, IReadOnlyDictionary<string, string?> environment) =>
        LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = FunctionBuilds.PathOf("AlarmIngest", build),
            FunctionName = "alarm-ingest",
            LogFormat = "JSON",
            Environment = environment,
        });

    /// <summary>Bounds a test that waits on a child process, so a broken build fails instead of hanging.</summary>
    public static CancellationTokenSource Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        return timeout;
    }
}
