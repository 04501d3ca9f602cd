using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EksOps.Lambda.Testing;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on a loopback port, for running a custom runtime in a test: queue invocations
/// with <see cref="InvokeAsync(ReadOnlyMemory{byte}, InvocationOptions?, CancellationToken)"/>, point the runtime at
/// <see cref="Address"/> (<c>AWS_LAMBDA_RUNTIME_API</c>), and read what it answered.
/// </summary>
/// <remarks>
/// <para>Behaves as Lambda and its Runtime Interface Emulator do:</para>
/// <list type="bullet">
/// <item><c>GET /runtime/invocation/next</c> waits, without a timeout, until an invocation is queued; 200 with the raw
/// event, <c>Content-Type: application/json</c> and the <c>Lambda-Runtime-*</c> headers (empty values are not sent).
/// The deadline is the invocation's timeout after this moment.</item>
/// <item><c>POST /runtime/invocation/{id}/response</c>: 202 <c>{"status":"OK"}</c>. Over
/// <see cref="RuntimeApiServerOptions.MaxResponseBytes"/>: 413 <c>RequestEntityTooLarge</c>, and the invocation fails
/// with <c>Function.ResponseSizeTooLarge</c>.</item>
/// <item><c>POST /runtime/invocation/{id}/error</c>: 202; the content type, the
/// <c>Lambda-Runtime-Function-Error-Type</c> header and the body become the invocation's error result.</item>
/// <item>A second answer for an invocation that already ended (answered, too large, timed out): 403
/// <c>InvalidStateTransition</c>. An id that was never handed out by <c>GET /next</c>: <b>400</b>
/// <c>InvalidRequestID</c>, as the emulator answers (Lambda documents 400 and 403 for this route, never 404).</item>
/// <item><c>POST /runtime/init/error</c> before the first <c>GET /next</c>: 202; <see cref="InitErrorReported"/>
/// completes, queued and later invocations fail with the posted document, and <c>GET /next</c> answers 403.
/// After the first <c>GET /next</c>: 403 <c>InvalidStateTransition</c>.</item>
/// <item>An invocation not answered by its deadline ends with error type <c>Sandbox.Timeout</c>; the runtime's late
/// answer gets 403.</item>
/// <item>Header names are case-insensitive; request ids are URL-decoded from the path; header values are UTF-8.</item>
/// </list>
/// <para>Not emulated: response streaming (a streamed body is read as a buffered one), SnapStart's
/// <c>/restore</c> routes, the Extensions and Telemetry APIs.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var server = await RuntimeApiServer.StartAsync();
/// using var stop = new CancellationTokenSource();
/// var run = LambdaRuntime.RunAsync(handler, MyJsonContext.Default,
///     new LambdaRuntimeOptions { RuntimeApiAddress = server.Address, Output = new CapturedOutputStream() }, stop.Token);
/// var result = await server.InvokeAsync("""{"name":"x"}""");
/// Assert.False(result.IsError);
/// stop.Cancel();
/// Assert.Equal(0, await run);
/// </code>
/// </example>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>The Runtime API version in every path.</summary>
    public const string ApiVersion = "2018-06-01";

    /// <summary>The error type of an invocation that was not answered by its deadline.</summary>
    public const string TimeoutErrorType = "Sandbox.Timeout";

    /// <summary>The error type of an invocation whose response was over the size limit.</summary>
    public const string ResponseSizeTooLargeErrorType = "Function.ResponseSizeTooLarge";

    private const string RuntimePrefix = "/" + ApiVersion + "/runtime/";
    private const string InvocationPrefix = "invocation/";
    private const string JsonContentType = "application/json";

    private static readonly InvocationOptions DefaultInvocation = new();

    /// <summary>The longest timeout a timer can measure (about 49 days); Lambda's own limit is 15 minutes.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly RuntimeApiServerOptions _options;
    private readonly TimeProvider _time;
    private readonly InvocationQueue _queue = new();
    private readonly ConcurrentDictionary<string, Invocation> _invocations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InitError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _nextFailure = new();
    private readonly Lock _gate = new();
    private readonly List<RuntimeApiRequest> _requests = [];
    private KestrelServer? _kestrel;
    private int _nextCount;
    private int _nextFailureStatus;
    private int _disposed;

    private RuntimeApiServer(RuntimeApiServerOptions options)
    {
        if (options.MaxResponseBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxResponseBytes, "MaxResponseBytes must be positive.");
        }

        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>The <c>host:port</c> the server listens on: the value for <c>AWS_LAMBDA_RUNTIME_API</c> and <see cref="LambdaRuntimeOptions.RuntimeApiAddress"/>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>The base of every route, <c>http://127.0.0.1:port/2018-06-01/</c>.</summary>
    public Uri BaseUri => new($"http://{Address}/{ApiVersion}/");

    /// <summary>Completes with the arrival time of the first <c>GET /next</c>: the end of a cold start.</summary>
    public Task<DateTimeOffset> FirstNextRequest => _firstNext.Task;

    /// <summary>How many <c>GET /next</c> requests arrived.</summary>
    public int NextRequestCount => Volatile.Read(ref _nextCount);

    /// <summary>Completes when the runtime reports an initialization error (canceled when the server is disposed first).</summary>
    public Task<InitError> InitErrorReported => _initError.Task;

    /// <summary>How many invocations wait for a <c>GET /next</c>.</summary>
    public int QueuedInvocationCount => _queue.Count;

    /// <summary>A snapshot of every request the runtime made, in the order they were answered.</summary>
    public IReadOnlyList<RuntimeApiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on <c>127.0.0.1</c> and an ephemeral port.</summary>
    /// <param name="options">Limits and defaults; Lambda's when omitted.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<RuntimeApiServer> StartAsync(RuntimeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new RuntimeApiServer(options ?? new RuntimeApiServerOptions());
        try
        {
            await server.StartKestrelAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>How many times the runtime answered (<c>POST …/response</c> or <c>…/error</c>, accepted or not) for <paramref name="requestId"/>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The number of answers; 0 when none.</returns>
    public int AnswerCount(string requestId) => _answers.TryGetValue(requestId, out var count) ? count : 0;

    /// <summary>Queues an invocation and waits until it ends.</summary>
    /// <param name="payload">The event, passed to the runtime byte for byte.</param>
    /// <param name="options">Headers and timeout; Lambda-like defaults when omitted.</param>
    /// <param name="cancellationToken">Stops waiting; an invocation not yet handed to the runtime is withdrawn.</param>
    /// <returns>The response or error, as Lambda's <c>Invoke</c> caller would get it.</returns>
    /// <exception cref="ArgumentException">The request id was already used on this server, or the timeout is not positive or over 49 days.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed before the invocation ended.</exception>
    public async Task<InvocationResult> InvokeAsync(
        ReadOnlyMemory<byte> payload, InvocationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= DefaultInvocation;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Timeout, MaxTimeout, nameof(options));
        var requestId = options.RequestId ?? Guid.NewGuid().ToString();
        var traceId = options.TraceId ?? NewTraceHeader();
        var invocation = new Invocation(
            requestId, payload.ToArray(), options, options.FunctionArn ?? _options.FunctionArn, traceId, TimedOut);
        if (!_invocations.TryAdd(requestId, invocation))
        {
            throw new ArgumentException($"Request id '{requestId}' was already used on this server.", nameof(options));
        }

        if (!_initError.Task.IsCompletedSuccessfully)
        {
            _queue.Enqueue(invocation);
        }

        // An init error or disposal that raced with the enqueue must not leave the invocation waiting forever.
        if (_initError.Task.IsCompletedSuccessfully)
        {
            _queue.Remove(invocation);
            FailAfterInitError(invocation, _initError.Task.Result);
        }
        else if (Volatile.Read(ref _disposed) != 0 && _queue.Remove(invocation))
        {
            invocation.TryFail(Disposed());
        }

        try
        {
            return await invocation.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (_queue.Remove(invocation))
            {
                invocation.TryCancel(cancellationToken);
            }

            throw;
        }
    }

    /// <summary>Queues an invocation with a UTF-8 JSON event and waits until it ends.</summary>
    /// <param name="json">The event.</param>
    /// <param name="options">Headers and timeout; Lambda-like defaults when omitted.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The response or error.</returns>
    public Task<InvocationResult> InvokeAsync(string json, InvocationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        return InvokeAsync(Encoding.UTF8.GetBytes(json), options, cancellationToken);
    }

    /// <summary>
    /// From now on every <c>GET /next</c>, waiting or new, answers <paramref name="statusCode"/>: what a runtime sees
    /// when the execution environment is torn down (500) or the API refuses it (403). A runtime must then exit.
    /// </summary>
    /// <param name="statusCode">A 4xx or 5xx status; default 500.</param>
    public void FailNextRequests(int statusCode = StatusCodes.Status500InternalServerError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        Volatile.Write(ref _nextFailureStatus, statusCode);
        _nextFailure.Cancel();
    }

    /// <summary>Stops the server: waiting <c>GET /next</c> connections are dropped (the runtime sees the API go away),
    /// invocations still running fail with <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var invocation in _queue.RemoveAll())
        {
            invocation.TryFail(Disposed());
        }

        foreach (var invocation in _invocations.Values)
        {
            invocation.TryFail(Disposed());
        }

        _firstNext.TrySetCanceled();
        _initError.TrySetCanceled();
        if (_kestrel is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _kestrel.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time were aborted.
            }

            _kestrel.Dispose();
        }

        _stopping.Dispose();
        _nextFailure.Dispose();
    }

    private static ObjectDisposedException Disposed() =>
        new(nameof(RuntimeApiServer), "The Runtime API server was disposed before the invocation ended.");

    /// <summary>A fresh X-Ray trace header, shaped as Lambda sends it.</summary>
    private string NewTraceHeader()
    {
        var epoch = _time.GetUtcNow().ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        return $"Root=1-{epoch}-{RandomNumberGenerator.GetHexString(24, lowercase: true)};" +
            $"Parent={RandomNumberGenerator.GetHexString(16, lowercase: true)};Sampled=0";
    }

    private async Task StartKestrelAsync(CancellationToken cancellationToken)
    {
        var kestrelOptions = new KestrelServerOptions
        {
            AddServerHeader = false,
            // Lambda passes client context and Cognito JSON through headers; the .NET runtime reads them as UTF-8.
            RequestHeaderEncodingSelector = static _ => Encoding.UTF8,
            ResponseHeaderEncodingSelector = static _ => Encoding.UTF8,
        };
        kestrelOptions.Limits.MaxRequestBodySize = null;
        kestrelOptions.Limits.MinRequestBodyDataRate = null;
        kestrelOptions.Limits.MinResponseDataRate = null;
        kestrelOptions.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        _kestrel = new KestrelServer(Options.Create(kestrelOptions), transport, NullLoggerFactory.Instance);
        await _kestrel.StartAsync(new HttpApplication(HandleAsync), cancellationToken).ConfigureAwait(false);
        var bound = _kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        Address = $"127.0.0.1:{new Uri(bound).Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private Task HandleAsync(HttpContext context)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        var path = target.Split('?', 2)[0];
        if (!path.StartsWith(RuntimePrefix, StringComparison.Ordinal))
        {
            return NotFoundAsync(context, target);
        }

        var route = path[RuntimePrefix.Length..];
        if (route == "invocation/next")
        {
            return Allowed(context, HttpMethods.Get, target) ?? NextAsync(context, target);
        }

        if (route == "init/error")
        {
            return Allowed(context, HttpMethods.Post, target) ?? InitErrorAsync(context, target);
        }

        if (route.StartsWith(InvocationPrefix, StringComparison.Ordinal))
        {
            var rest = route[InvocationPrefix.Length..];
            var slash = rest.LastIndexOf('/');
            if (slash > 0 && rest.IndexOf('/', StringComparison.Ordinal) == slash)
            {
                var requestId = Uri.UnescapeDataString(rest[..slash]);
                var action = rest[(slash + 1)..];
                if (action is "response" or "error")
                {
                    return Allowed(context, HttpMethods.Post, target)
                        ?? AnswerAsync(context, target, requestId, isError: action == "error");
                }
            }
        }

        return NotFoundAsync(context, target);
    }

    private Task? Allowed(HttpContext context, string method, string target)
    {
        if (string.Equals(context.Request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        context.Response.Headers.Allow = method;
        return RespondAsync(context, target, StatusCodes.Status405MethodNotAllowed, [], body: default, bodyLength: 0, requestId: null);
    }

    private Task NotFoundAsync(HttpContext context, string target) =>
        RespondAsync(context, target, StatusCodes.Status404NotFound, "404 page not found\n"u8.ToArray(), default, 0, null, "text/plain; charset=utf-8");

    private async Task NextAsync(HttpContext context, string target)
    {
        var arrived = _time.GetUtcNow();
        Interlocked.Increment(ref _nextCount);
        _firstNext.TrySetResult(arrived);
        if (_stopping.IsCancellationRequested)
        {
            context.Abort();
            return;
        }

        if (_initError.Task.IsCompletedSuccessfully)
        {
            await RespondAsync(
                context, target, StatusCodes.Status403Forbidden,
                ErrorResponse("InvalidStateTransition", "State transition from RuntimeInitError to RuntimeReady failed for runtime. Error: State transition is not allowed"),
                default, 0, null).ConfigureAwait(false);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token, _nextFailure.Token);
        while (true)
        {
            if (Volatile.Read(ref _nextFailureStatus) is var status and not 0)
            {
                await RespondAsync(context, target, status, NextFailureBody(status), default, 0, null).ConfigureAwait(false);
                return;
            }

            Invocation invocation;
            try
            {
                invocation = await _queue.DequeueAsync(waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (_nextFailure.IsCancellationRequested && !_stopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
                {
                    continue;
                }

                // The runtime hung up, or the server is stopping: drop the connection so the runtime sees the API go away.
                context.Abort();
                return;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                _queue.PutBack(invocation);
                return;
            }

            if (!invocation.TryDeliver(_time))
            {
                continue; // withdrawn by its caller meanwhile
            }

            var headers = context.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
            headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            SetIfNotEmpty(headers, "Lambda-Runtime-Invoked-Function-Arn", invocation.FunctionArn);
            SetIfNotEmpty(headers, "Lambda-Runtime-Trace-Id", invocation.TraceId);
            SetIfNotEmpty(headers, "Lambda-Runtime-Client-Context", invocation.Options.ClientContext);
            SetIfNotEmpty(headers, "Lambda-Runtime-Cognito-Identity", invocation.Options.CognitoIdentity);
            SetIfNotEmpty(headers, "Lambda-Runtime-Aws-Tenant-Id", invocation.Options.TenantId);
            await RespondAsync(context, target, StatusCodes.Status200OK, invocation.Payload, default, 0, invocation.RequestId, JsonContentType, arrived)
                .ConfigureAwait(false);
            return;
        }
    }

    private async Task AnswerAsync(HttpContext context, string target, string requestId, bool isError)
    {
        var arrived = _time.GetUtcNow();
        _answers.AddOrUpdate(requestId, 1, static (_, count) => count + 1);
        var (body, length) = await ReadBodyAsync(context.Request, isError ? int.MaxValue : _options.MaxResponseBytes, context.RequestAborted)
            .ConfigureAwait(false);
        var contentType = context.Request.ContentType;
        var errorTypeHeader = Header(context.Request.Headers, "Lambda-Runtime-Function-Error-Type");
        int status;
        byte[] answer;
        if (!_invocations.TryGetValue(requestId, out var invocation) || invocation.DeliveredAt is null)
        {
            status = StatusCodes.Status400BadRequest;
            answer = ErrorResponse("InvalidRequestID", "Invalid request ID");
        }
        else if (!isError && length > _options.MaxResponseBytes)
        {
            var message = $"Response payload size exceeded maximum allowed payload size ({_options.MaxResponseBytes} bytes).";
            var failure = Result(invocation, true, ErrorResponse(ResponseSizeTooLargeErrorType, message), null, null);
            if (invocation.TryComplete(failure, "RuntimeResponseSent"))
            {
                status = StatusCodes.Status413PayloadTooLarge;
                answer = ErrorResponse("RequestEntityTooLarge", $"Exceeded maximum allowed payload size ({_options.MaxResponseBytes} bytes).");
            }
            else
            {
                (status, answer) = InvalidStateTransition(invocation, isError);
            }
        }
        else
        {
            var result = Result(invocation, isError, body, contentType, isError ? errorTypeHeader : null);
            if (invocation.TryComplete(result, isError ? "RuntimeInvocationErrorSent" : "RuntimeResponseSent"))
            {
                status = StatusCodes.Status202Accepted;
                answer = """{"status":"OK"}"""u8.ToArray();
            }
            else
            {
                (status, answer) = InvalidStateTransition(invocation, isError);
            }
        }

        await RespondAsync(context, target, status, answer, body, length, requestId, JsonContentType, arrived).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context, string target)
    {
        var arrived = _time.GetUtcNow();
        var (body, length) = await ReadBodyAsync(context.Request, int.MaxValue, context.RequestAborted).ConfigureAwait(false);
        InitError? accepted = null;
        lock (_gate)
        {
            if (Volatile.Read(ref _nextCount) == 0 && !_initError.Task.IsCompleted)
            {
                accepted = new InitError(
                    body, context.Request.ContentType, Header(context.Request.Headers, "Lambda-Runtime-Function-Error-Type"), arrived);
            }
        }

        if (accepted is null)
        {
            await RespondAsync(
                context, target, StatusCodes.Status403Forbidden,
                ErrorResponse("InvalidStateTransition", "State transition from RuntimeReady to RuntimeInitError failed for runtime. Error: State transition is not allowed"),
                body, length, null, JsonContentType, arrived).ConfigureAwait(false);
            return;
        }

        await RespondAsync(context, target, StatusCodes.Status202Accepted, """{"status":"OK"}"""u8.ToArray(), body, length, null, JsonContentType, arrived)
            .ConfigureAwait(false);
        _initError.TrySetResult(accepted);
        foreach (var invocation in _queue.RemoveAll())
        {
            FailAfterInitError(invocation, accepted);
        }
    }

    private void FailAfterInitError(Invocation invocation, InitError error) =>
        invocation.TryComplete(Result(invocation, true, error.Payload.ToArray(), null, error.ErrorTypeHeader), "RuntimeInitError");

    private void TimedOut(Invocation invocation)
    {
        var seconds = invocation.Options.Timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var document = ErrorResponse(TimeoutErrorType, $"{now} {invocation.RequestId} Task timed out after {seconds} seconds");
        invocation.TryComplete(Result(invocation, true, document, null, null), "InvocationTimedOut");
    }

    private InvocationResult Result(Invocation invocation, bool isError, byte[] payload, string? contentType, string? errorTypeHeader) =>
        new(invocation.RequestId, isError, payload, contentType, errorTypeHeader, invocation.DeliveredAt, invocation.Deadline, _time.GetUtcNow());

    private static (int Status, byte[] Body) InvalidStateTransition(Invocation invocation, bool isError) =>
        (StatusCodes.Status403Forbidden, ErrorResponse(
            "InvalidStateTransition",
            $"State transition from {invocation.EndState} to {(isError ? "RuntimeInvocationErrorResponse" : "RuntimeInvocationResponse")} " +
            "failed for runtime. Error: State transition is not allowed"));

    private static byte[] NextFailureBody(int status) => status == StatusCodes.Status500InternalServerError
        ? ErrorResponse("InternalServerError", "Internal Server Error")
        : ErrorResponse("Forbidden", $"The execution environment refuses GET /next ({status}).");

    private async Task RespondAsync(
        HttpContext context,
        string target,
        int status,
        byte[] answer,
        ReadOnlyMemory<byte> body,
        long bodyLength,
        string? requestId,
        string? contentType = JsonContentType,
        DateTimeOffset? arrived = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        lock (_gate)
        {
            _requests.Add(new RuntimeApiRequest(
                context.Request.Method, target, headers, body, bodyLength, status, requestId, arrived ?? _time.GetUtcNow()));
        }

        context.Response.StatusCode = status;
        if (answer.Length > 0 && contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        context.Response.ContentLength = answer.Length;
        if (answer.Length > 0)
        {
            await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<(byte[] Body, long Length)> ReadBodyAsync(HttpRequest request, int keepAtMost, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var keep = (int)Math.Clamp(keepAtMost - kept.Length, 0, read);
                kept.Write(chunk, 0, keep);
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (kept.ToArray(), length);
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static void SetIfNotEmpty(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }

    private static byte[] ErrorResponse(string errorType, string errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage"u8, errorMessage);
            json.WriteString("errorType"u8, errorType);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
