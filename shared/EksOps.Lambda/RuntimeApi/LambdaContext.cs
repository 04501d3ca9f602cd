namespace EksOps.Lambda.RuntimeApi;

/// <summary>The context of one invocation served through the Runtime API.</summary>
internal sealed class LambdaContext : ILambdaContext
{
    private readonly InvocationRequest _request;
    private readonly LambdaEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly Lazy<LambdaClientContext?> _clientContext;
    private readonly Lazy<CognitoIdentity?> _identity;

    public LambdaContext(
        InvocationRequest request,
        LambdaEnvironment environment,
        TimeProvider time,
        ILambdaLogger logger,
        IMetrics metrics,
        CancellationToken cancellationToken)
    {
        _request = request;
        _environment = environment;
        _time = time;
        Logger = logger;
        Metrics = metrics;
        CancellationToken = cancellationToken;
        Deadline = request.DeadlineUnixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MaxValue;
        _clientContext = new(() => ClientContextParser.ParseClientContext(request.ClientContextJson));
        _identity = new(() => ClientContextParser.ParseCognitoIdentity(request.CognitoIdentityJson));
    }

    public string AwsRequestId => _request.RequestId;

    public string InvokedFunctionArn => _request.InvokedFunctionArn;

    public DateTimeOffset Deadline { get; }

    public TimeSpan RemainingTime
    {
        get
        {
            if (Deadline == DateTimeOffset.MaxValue)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var left = Deadline - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public CancellationToken CancellationToken { get; }

    public string TraceId => _request.TraceId;

    public string TenantId => _request.TenantId;

    public LambdaClientContext? ClientContext => _clientContext.Value;

    public CognitoIdentity? Identity => _identity.Value;

    public string FunctionName => _environment.FunctionName;

    public string FunctionVersion => _environment.FunctionVersion;

    public int MemoryLimitInMB => _environment.MemoryLimitInMB;

    public string LogGroupName => _environment.LogGroupName;

    public string LogStreamName => _environment.LogStreamName;

    public ILambdaLogger Logger { get; }

    public IMetrics Metrics { get; }
}
