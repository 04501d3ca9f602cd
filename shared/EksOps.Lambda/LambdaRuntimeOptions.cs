namespace EksOps.Lambda;

/// <summary>
/// How <see cref="LambdaRuntime"/> runs. Production code passes nothing: every default is what Lambda provides. Tests
/// and the local runner override where the Runtime API is, where output goes and when to stop.
/// </summary>
public sealed class LambdaRuntimeOptions
{
    /// <summary>
    /// The Runtime API's <c>host:port</c>; default <c>AWS_LAMBDA_RUNTIME_API</c>.
    /// </summary>
    public string? RuntimeApiAddress { get; init; }

    /// <summary>Reads an environment variable; default the process environment.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where log lines and EMF documents go; default stdout.</summary>
    public Stream? Output { get; init; }

    /// <summary>The clock for deadlines, log timestamps and metric timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long before the deadline the handler's <see cref="ILambdaContext.CancellationToken"/> fires, at most; it
    /// is also held to a quarter of the time the invocation has. Default 500 ms.
    /// </summary>
    public TimeSpan CancellationMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Whether to set the <c>_X_AMZN_TRACE_ID</c> environment variable per invocation, as the X-Ray SDKs expect.
    /// Default <see langword="true"/>; in-process tests that run several runtimes at once turn it off.
    /// </summary>
    public bool SetTraceIdEnvironmentVariable { get; init; } = true;
}
