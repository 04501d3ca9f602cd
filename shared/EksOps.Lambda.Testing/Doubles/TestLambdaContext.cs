namespace EksOps.Lambda.Testing;

/// <summary>
/// An <see cref="ILambdaContext"/> for unit tests of a handler: every member is settable and has a sensible default,
/// so a test sets only what the handler reads.
/// </summary>
/// <example>
/// <code>
/// var context = new TestLambdaContext { FunctionName = "alarm-ingest" };
/// var response = await handler.HandleAsync(alarm, context);
/// Assert.Contains(context.Logger.Entries, e =&gt; e.Message.Contains("ingested"));
/// Assert.Single(context.Metrics.Metrics, m =&gt; m.Name == "AlarmsIngested");
/// </code>
/// </example>
public sealed class TestLambdaContext : ILambdaContext
{
    /// <summary>The default <see cref="FunctionName"/>.</summary>
    public const string DefaultFunctionName = "test-function";

    /// <summary>The default time a new context has left: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private string? _invokedFunctionArn;
    private string? _logGroupName;

    /// <summary>Creates a context whose deadline is <see cref="DefaultTimeout"/> from now.</summary>
    public TestLambdaContext()
    {
        Deadline = TimeProvider.GetUtcNow() + DefaultTimeout;
    }

    /// <summary>The clock <see cref="RemainingTime"/> is measured with; default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <inheritdoc />
    /// <remarks>Default: a fresh GUID.</remarks>
    public string AwsRequestId { get; set; } = Guid.NewGuid().ToString();

    /// <inheritdoc />
    /// <remarks>Default: <c>arn:aws:lambda:us-east-1:123456789012:function:</c> followed by <see cref="FunctionName"/>.</remarks>
    public string InvokedFunctionArn
    {
        get => _invokedFunctionArn ?? $"arn:aws:lambda:us-east-1:123456789012:function:{FunctionName}";
        set => _invokedFunctionArn = value;
    }

    /// <inheritdoc />
    /// <remarks>Default: <see cref="DefaultTimeout"/> after the context was created.</remarks>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>Time left before <see cref="Deadline"/>, never negative. Setting it moves <see cref="Deadline"/> to now plus the value.</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var left = Deadline - TimeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        set => Deadline = TimeProvider.GetUtcNow() + value;
    }

    /// <inheritdoc />
    /// <remarks>Default: <see cref="CancellationToken.None"/>; pass a token from a <see cref="CancellationTokenSource"/> to test a handler that observes the deadline.</remarks>
    public CancellationToken CancellationToken { get; set; }

    /// <inheritdoc />
    /// <remarks>Default: empty.</remarks>
    public string TraceId { get; set; } = string.Empty;

    /// <inheritdoc />
    /// <remarks>Default: empty.</remarks>
    public string TenantId { get; set; } = string.Empty;

    /// <inheritdoc />
    /// <remarks>Default: none. <see cref="TestClientContext"/> builds one, e.g. for an AgentCore Gateway tool call.</remarks>
    public LambdaClientContext? ClientContext { get; set; }

    /// <inheritdoc />
    /// <remarks>Default: none.</remarks>
    public CognitoIdentity? Identity { get; set; }

    /// <inheritdoc />
    /// <remarks>Default: <see cref="DefaultFunctionName"/>.</remarks>
    public string FunctionName { get; set; } = DefaultFunctionName;

    /// <inheritdoc />
    /// <remarks>Default: <c>$LATEST</c>.</remarks>
    public string FunctionVersion { get; set; } = "$LATEST";

    /// <inheritdoc />
    /// <remarks>Default: 256.</remarks>
    public int MemoryLimitInMB { get; set; } = 256;

    /// <inheritdoc />
    /// <remarks>Default: <c>/aws/lambda/</c> followed by <see cref="FunctionName"/>.</remarks>
    public string LogGroupName
    {
        get => _logGroupName ?? $"/aws/lambda/{FunctionName}";
        set => _logGroupName = value;
    }

    /// <inheritdoc />
    /// <remarks>Default: a stream name shaped like Lambda's.</remarks>
    public string LogStreamName { get; set; } =
        $"{DateTime.UtcNow:yyyy'/'MM'/'dd}/[$LATEST]{Guid.NewGuid():N}";

    /// <summary>The logger handed to the handler; default a <see cref="TestLambdaLogger"/> (see <see cref="TestLogger"/>).</summary>
    public ILambdaLogger Logger { get; set; } = new TestLambdaLogger();

    /// <summary>The metrics handed to the handler; default a <see cref="TestMetrics"/> (see <see cref="TestMetrics"/>).</summary>
    public IMetrics Metrics { get; set; } = new TestMetrics();

    /// <summary><see cref="Logger"/> as the <see cref="TestLambdaLogger"/> it is by default.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Logger"/> was replaced by another logger.</exception>
    public TestLambdaLogger TestLogger => Logger as TestLambdaLogger
        ?? throw new InvalidOperationException($"{nameof(Logger)} is a {Logger.GetType().Name}, not a {nameof(TestLambdaLogger)}.");

    /// <summary><see cref="Metrics"/> as the <see cref="Testing.TestMetrics"/> it is by default.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Metrics"/> was replaced by another implementation.</exception>
    public TestMetrics TestMetrics => Metrics as TestMetrics
        ?? throw new InvalidOperationException($"{nameof(Metrics)} is a {Metrics.GetType().Name}, not a {nameof(Testing.TestMetrics)}.");
}
