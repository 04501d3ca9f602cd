using EksOps.Lambda.Logging;
using EksOps.Lambda.Metrics;

namespace EksOps.Lambda.RuntimeApi;

/// <summary>
/// The invocation loop of a custom runtime: <c>GET /next</c>, run the handler, <c>POST /response</c> or
/// <c>POST /error</c>, again. Nothing a handler or an event does ends the loop; only the Runtime API itself going
/// away does (Lambda then replaces the execution environment).
/// </summary>
internal sealed class LambdaBootstrap
{
    private const int MaxConsecutiveNextFailures = 3;
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly LambdaRuntimeOptions _options;
    private readonly LambdaEnvironment _environment;
    private readonly LambdaLogger _logger;
    private readonly EmfMetrics _metrics;

    public LambdaBootstrap(LambdaRuntimeOptions options)
    {
        _options = options;
        _environment = LambdaEnvironment.Read(options.EnvironmentVariable);
        var sink = new LogSink(options.Output ?? Console.OpenStandardOutput());
        _logger = new LambdaLogger(sink, _environment.LogFormat, _environment.MinimumLogLevel, options.TimeProvider);
        _metrics = new EmfMetrics(
            sink, options.TimeProvider, _environment.MetricsNamespace, _environment.ServiceName, _environment.MetricsDisabled);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (0) or the Runtime API fails (1).</summary>
    public async Task<int> RunAsync(Func<InvocationHandler> initialize, CancellationToken cancellationToken)
    {
        var address = _options.RuntimeApiAddress ?? _environment.RuntimeApi;
        if (string.IsNullOrWhiteSpace(address))
        {
            _logger.LogCritical(
                "AWS_LAMBDA_RUNTIME_API is not set: this executable is a Lambda custom runtime and must be started by " +
                "Lambda or by a Runtime API emulator (see shared/EksOps.Lambda.Testing).");
            return 1;
        }

        if (_environment.UnknownLogLevel is { } unknown)
        {
            _logger.LogWarning($"AWS_LAMBDA_LOG_LEVEL '{unknown}' is not one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL; using INFO.");
        }

        using var client = new RuntimeApiClient(address);
        InvocationHandler handler;
        try
        {
            handler = initialize();
        }
        catch (Exception exception)
        {
            await ReportInitErrorAsync(client, exception, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        var coldStart = true;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            InvocationRequest request;
            try
            {
                request = await client.NextAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (RuntimeApiException exception)
            {
                // A status other than 200 on /next means the execution environment is being torn down.
                _logger.LogCritical("The Runtime API refused GET /next; exiting.", exception);
                return 1;
            }
            catch (HttpRequestException exception)
            {
                if (++failures >= MaxConsecutiveNextFailures)
                {
                    _logger.LogCritical($"The Runtime API at {address} is unreachable after {failures} attempts; exiting.", exception);
                    return 1;
                }

                _logger.LogWarning($"GET /next failed (attempt {failures}); retrying.", exception);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * failures), _options.TimeProvider, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            await InvokeOnceAsync(client, handler, request, coldStart, cancellationToken).ConfigureAwait(false);
            coldStart = false;
        }

        return 0;
    }

    private async Task InvokeOnceAsync(
        RuntimeApiClient client, InvocationHandler handler, InvocationRequest request, bool coldStart, CancellationToken stopping)
    {
        try
        {
            await InvokeAndAnswerAsync(client, handler, request, coldStart, stopping).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Last line of defence: a fault in the runtime itself costs this invocation (Lambda times it out), never
            // the execution environment.
            _logger.ForInvocation(request.RequestId, request.TraceId).LogCritical("The runtime failed while serving the invocation.", exception);
        }
    }

    private async Task InvokeAndAnswerAsync(
        RuntimeApiClient client, InvocationHandler handler, InvocationRequest request, bool coldStart, CancellationToken stopping)
    {
        var traceId = string.IsNullOrEmpty(request.TraceId) ? null : request.TraceId;
        if (_options.SetTraceIdEnvironmentVariable)
        {
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", traceId);
        }

        var logger = _logger.ForInvocation(request.RequestId, traceId);
        using var deadline = DeadlineCancellation(request);
        var context = new LambdaContext(request, _environment, _options.TimeProvider, logger, _metrics, deadline.Token);
        _metrics.Begin(request.RequestId, traceId);
        if (coldStart)
        {
            _metrics.WriteColdStart(_environment.FunctionName, request.RequestId);
        }

        byte[]? response = null;
        Exception? failure = null;
        try
        {
            response = await handler(request.Event, context).ConfigureAwait(false);
            if (response.Length > RuntimeApiHeaders.MaxResponseBytes)
            {
                failure = new ResponseTooLargeException(
                    $"The response is {response.Length:N0} bytes; Lambda accepts at most {RuntimeApiHeaders.MaxResponseBytes:N0} " +
                    "bytes for a buffered response. Return a reference to the data (an S3 object, an incident id) instead.");
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        try
        {
            _metrics.Flush();
        }
        catch (Exception exception)
        {
            logger.LogWarning("Writing the invocation's metrics failed; they are lost.", exception);
        }

        try
        {
            if (failure is null)
            {
                await client.PostResponseAsync(request.RequestId, response, stopping).ConfigureAwait(false);
            }
            else
            {
                logger.LogError($"The invocation failed with {ErrorDocument.ErrorType(failure)}: {failure.Message}", failure);
                await client.PostErrorAsync(request.RequestId, ErrorDocument.Write(failure), ErrorDocument.ErrorType(failure), stopping)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            // The Runtime API refused the result (already answered, too large, the environment is going away).
            // The next GET /next tells whether the environment can go on.
            logger.LogError("The Runtime API did not accept the invocation's result.", exception);
        }
    }

    private CancellationTokenSource DeadlineCancellation(InvocationRequest request)
    {
        if (request.DeadlineUnixMs is not { } deadlineMs)
        {
            return new CancellationTokenSource();
        }

        var remaining = DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs) - _options.TimeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            var expired = new CancellationTokenSource();
            expired.Cancel();
            return expired;
        }

        var margin = TimeSpan.FromTicks(Math.Min(_options.CancellationMargin.Ticks, remaining.Ticks / 4));
        var delay = remaining - margin;
        // A timer cannot be set past ~49.7 days; no Lambda deadline is that far, so such a header means "no deadline".
        return delay < MaxTimerDelay ? new CancellationTokenSource(delay, _options.TimeProvider) : new CancellationTokenSource();
    }

    private async Task ReportInitErrorAsync(RuntimeApiClient client, Exception exception, CancellationToken cancellationToken)
    {
        var errorType = ErrorDocument.ErrorType(exception);
        _logger.LogCritical($"Initialization failed with {errorType}: {exception.Message}", exception);
        try
        {
            await client.PostInitErrorAsync(ErrorDocument.Write(exception), errorType, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception postFailure) when (postFailure is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            _logger.LogCritical("Reporting the initialization error to the Runtime API failed.", postFailure);
        }
    }
}
