using EksOps.Lambda;

namespace EksOps.Cli.FunctionUrl;

/// <summary>The <see cref="ILambdaContext"/> of one emulated invocation: a local function with a deadline.</summary>
internal sealed class LocalLambdaContext : ILambdaContext, IDisposable
{
    // The runtime fires the handler's token shortly before the deadline; so does the emulator.
    private static readonly TimeSpan CancellationMargin = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _deadline;

    public LocalLambdaContext(ILambdaLogger logger, TimeSpan timeout)
    {
        Logger = logger;
        Deadline = DateTimeOffset.UtcNow + timeout;
        _deadline = new CancellationTokenSource(timeout - CancellationMargin);
    }

    public string AwsRequestId { get; } = Guid.NewGuid().ToString();

    public string InvokedFunctionArn => $"arn:aws:lambda:us-east-1:000000000000:function:{FunctionName}";

    public DateTimeOffset Deadline { get; }

    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public CancellationToken CancellationToken => _deadline.Token;

    public string TraceId => string.Empty;

    public string TenantId => string.Empty;

    public LambdaClientContext? ClientContext => null;

    public CognitoIdentity? Identity => null;

    public string FunctionName => "eksops-mcp-local";

    public string FunctionVersion => "$LATEST";

    public int MemoryLimitInMB => 512;

    public string LogGroupName => $"/aws/lambda/{FunctionName}";

    public string LogStreamName => "local";

    public ILambdaLogger Logger { get; }

    public IMetrics Metrics => DiscardedMetrics.Instance;

    public void Dispose() => _deadline.Dispose();
}
