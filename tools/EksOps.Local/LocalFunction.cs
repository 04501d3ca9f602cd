using System.Text.Json.Serialization;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.Local;

/// <summary>
/// One Lambda function run on this machine as Lambda runs it: the function's own handler in the EksOps runtime loop,
/// polling a loopback Runtime API (<see cref="RuntimeApiServer"/>) for invocations, so events and responses cross the
/// same wire format and error documents as in AWS.
/// </summary>
public sealed class LocalFunction : IAsyncDisposable
{
    private readonly RuntimeApiServer _runtimeApi;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _timeout;
    private Task<int>? _loop;

    private LocalFunction(string name, string arn, RuntimeApiServer runtimeApi, TimeSpan timeout)
    {
        Name = name;
        Arn = arn;
        _runtimeApi = runtimeApi;
        _timeout = timeout;
    }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>The function ARN the state machine names it by.</summary>
    public string Arn { get; }

    /// <summary>Starts the Runtime API and the function's runtime loop.</summary>
    /// <typeparam name="TIn">The handler's event type.</typeparam>
    /// <typeparam name="TOut">The handler's response type.</typeparam>
    /// <param name="name">The function name.</param>
    /// <param name="region">The Region in its ARN and environment.</param>
    /// <param name="accountId">The account in its ARN.</param>
    /// <param name="handler">The handler, as the function's Program.cs runs it.</param>
    /// <param name="jsonContext">The function's source-generated JSON context.</param>
    /// <param name="timeout">The function timeout.</param>
    /// <param name="log">Where the function's log lines and metrics go.</param>
    /// <returns>The running function.</returns>
    public static async Task<LocalFunction> StartAsync<TIn, TOut>(
        string name,
        string region,
        string accountId,
        Func<TIn, ILambdaContext, Task<TOut>> handler,
        JsonSerializerContext jsonContext,
        TimeSpan timeout,
        Stream log)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(jsonContext);
        ArgumentNullException.ThrowIfNull(log);
        string arn = $"arn:aws:lambda:{region}:{accountId}:function:{name}";
        var runtimeApi = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { FunctionArn = arn }).ConfigureAwait(false);
        var function = new LocalFunction(name, arn, runtimeApi, timeout);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = name,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            ["AWS_REGION"] = region,
            ["EKSOPS_SERVICE_NAME"] = name,
        };
        var options = new LambdaRuntimeOptions
        {
            RuntimeApiAddress = runtimeApi.Address,
            EnvironmentVariable = variable => environment.GetValueOrDefault(variable),
            Output = log,
            // Several functions share this process; the trace id variable belongs to none of them.
            SetTraceIdEnvironmentVariable = false,
        };
        function._loop = Task.Run(() => LambdaRuntime.RunAsync(handler, jsonContext, options, function._stop.Token));
        return function;
    }

    /// <summary>Invokes the function synchronously through its Runtime API.</summary>
    /// <param name="payload">The event JSON.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The response, or the error document the runtime posted (a timeout is <see cref="RuntimeApiServer.TimeoutErrorType"/>).</returns>
    public Task<InvocationResult> InvokeAsync(string payload, CancellationToken cancellationToken) =>
        _runtimeApi.InvokeAsync(payload, new InvocationOptions { Timeout = _timeout, FunctionArn = Arn }, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            // The loop's exit code is of no interest once it is told to stop.
            await ((Task)_loop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _runtimeApi.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
