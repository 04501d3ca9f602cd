using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EksOps.StateMachine.Execution;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EksOps.StateMachine.Server;

/// <summary>
/// A <see cref="LocalStepFunctions"/> served on a loopback port as the Step Functions API (AWS JSON 1.0,
/// <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>), so that a Step Functions client pointed at
/// <see cref="Endpoint"/> (e.g. <c>EksOps.Aws.StepFunctions.StepFunctionsClient</c> with <c>EKSOPS_ENDPOINT_STATES</c>)
/// works unchanged: AlarmIngest starts executions here, the Approval function answers task tokens here.
/// </summary>
/// <remarks>
/// <para>Operations: <c>StartExecution</c>, <c>DescribeExecution</c>, <c>StopExecution</c>, <c>GetExecutionHistory</c>,
/// <c>SendTaskSuccess</c>, <c>SendTaskFailure</c>, <c>SendTaskHeartbeat</c>. Errors are HTTP 400 with
/// <c>{"__type": "com.amazonaws.states#&lt;Code&gt;", "message": …}</c> (500 <c>InternalFailure</c> for a bug here),
/// as the service answers. Another operation is 400 <c>UnknownOperationException</c>.</para>
/// <para>Requests are not authenticated: SigV4 signatures are accepted without being checked. It listens on
/// 127.0.0.1 only.</para>
/// </remarks>
public sealed class LocalStepFunctionsServer : IAsyncDisposable
{
    private const string TargetPrefix = "AWSStepFunctions.";
    private const string ContentType = "application/x-amz-json-1.0";
    private const int MaxRequestBytes = 1024 * 1024;

    private readonly LocalStepFunctions _service;
    private KestrelServer? _kestrel;

    private LocalStepFunctionsServer(LocalStepFunctions service) => _service = service;

    /// <summary>The base address, <c>http://127.0.0.1:PORT/</c>: the endpoint override for the <c>states</c> service.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The service behind the endpoint.</summary>
    public LocalStepFunctions Service => _service;

    /// <summary>Starts serving <paramref name="service"/> on 127.0.0.1.</summary>
    /// <param name="service">The state machines and executions to serve.</param>
    /// <param name="port">The port; 0 (default) picks a free one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<LocalStepFunctionsServer> StartAsync(LocalStepFunctions service, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var server = new LocalStepFunctionsServer(service);
        try
        {
            var options = new KestrelServerOptions { AddServerHeader = false };
            options.Limits.MaxRequestBodySize = MaxRequestBytes;
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
            var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
            server._kestrel = new KestrelServer(Options.Create(options), transport, NullLoggerFactory.Instance);
            await server._kestrel.StartAsync(new HttpApplication(server.HandleAsync), cancellationToken).ConfigureAwait(false);
            var bound = server._kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
            server.Endpoint = new Uri($"http://127.0.0.1:{new Uri(bound).Port.ToString(CultureInfo.InvariantCulture)}/");
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops listening (the service and its executions are left alone).</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_kestrel is null)
        {
            return;
        }

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
        _kestrel = null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "The Step Functions API takes POST requests.").ConfigureAwait(false);
            return;
        }

        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            var json = body.ToArray();
            switch (operation)
            {
                case "StartExecution":
                    await StartExecutionAsync(context, Read(json, WireJsonContext.Default.StartExecutionInput)).ConfigureAwait(false);
                    break;
                case "DescribeExecution":
                    await DescribeExecutionAsync(context, Read(json, WireJsonContext.Default.ExecutionArnInput)).ConfigureAwait(false);
                    break;
                case "StopExecution":
                    await StopExecutionAsync(context, Read(json, WireJsonContext.Default.StopExecutionInput)).ConfigureAwait(false);
                    break;
                case "GetExecutionHistory":
                    await GetExecutionHistoryAsync(context, Read(json, WireJsonContext.Default.GetExecutionHistoryInput)).ConfigureAwait(false);
                    break;
                case "SendTaskSuccess":
                    var success = Read(json, WireJsonContext.Default.SendTaskSuccessInput);
                    _service.SendTaskSuccess(Required(success.TaskToken, "taskToken"), Required(success.Output, "output"));
                    await WriteAsync(context, new EmptyOutput(), WireJsonContext.Default.EmptyOutput).ConfigureAwait(false);
                    break;
                case "SendTaskFailure":
                    var failure = Read(json, WireJsonContext.Default.SendTaskFailureInput);
                    _service.SendTaskFailure(Required(failure.TaskToken, "taskToken"), failure.Error, failure.Cause);
                    await WriteAsync(context, new EmptyOutput(), WireJsonContext.Default.EmptyOutput).ConfigureAwait(false);
                    break;
                case "SendTaskHeartbeat":
                    var heartbeat = Read(json, WireJsonContext.Default.SendTaskHeartbeatInput);
                    _service.SendTaskHeartbeat(Required(heartbeat.TaskToken, "taskToken"));
                    await WriteAsync(context, new EmptyOutput(), WireJsonContext.Default.EmptyOutput).ConfigureAwait(false);
                    break;
                default:
                    await ErrorAsync(
                        context,
                        StatusCodes.Status400BadRequest,
                        "UnknownOperationException",
                        $"'{target}' is not an operation this local Step Functions serves (StartExecution, DescribeExecution, StopExecution, GetExecutionHistory, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat).")
                        .ConfigureAwait(false);
                    break;
            }
        }
        catch (LocalStepFunctionsException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, ex.ErrorCode, ex.Message).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "SerializationException", $"The request body is not valid JSON for {operation}: {ex.Message}").ConfigureAwait(false);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
        {
            // Kestrel's own refusals, e.g. a body over MaxRequestBytes (413).
            await ErrorAsync(context, ex.StatusCode, "ValidationException", $"The request was refused: {ex.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex)
        {
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalFailure", $"The local Step Functions failed: {ex.Message}").ConfigureAwait(false);
        }
    }

    private Task StartExecutionAsync(HttpContext context, StartExecutionInput input)
    {
        var execution = _service.StartExecution(Required(input.StateMachineArn, "stateMachineArn"), input.Name, input.Input, input.TraceHeader);
        return WriteAsync(
            context, new StartExecutionOutput { ExecutionArn = execution.ExecutionArn, StartDate = execution.StartDate }, WireJsonContext.Default.StartExecutionOutput);
    }

    private Task DescribeExecutionAsync(HttpContext context, ExecutionArnInput input)
    {
        var execution = _service.DescribeExecution(Required(input.ExecutionArn, "executionArn"));
        return WriteAsync(
            context,
            new DescribeExecutionOutput
            {
                ExecutionArn = execution.ExecutionArn,
                StateMachineArn = execution.StateMachineArn,
                Name = execution.Name,
                Status = execution.StatusText,
                StartDate = execution.StartDate,
                StopDate = execution.StopDate,
                Input = execution.Input,
                InputDetails = new InputDetails(),
                Output = execution.Output,
                OutputDetails = execution.Output is null ? null : new InputDetails(),
                Error = execution.Error,
                Cause = execution.Cause,
                TraceHeader = execution.TraceHeader,
            },
            WireJsonContext.Default.DescribeExecutionOutput);
    }

    private async Task StopExecutionAsync(HttpContext context, StopExecutionInput input)
    {
        var stopped = await _service.StopExecutionAsync(Required(input.ExecutionArn, "executionArn"), input.Error, input.Cause, context.RequestAborted)
            .ConfigureAwait(false);
        await WriteAsync(context, new StopExecutionOutput { StopDate = stopped.StopDate ?? _service.TimeProvider.GetUtcNow() }, WireJsonContext.Default.StopExecutionOutput)
            .ConfigureAwait(false);
    }

    private Task GetExecutionHistoryAsync(HttpContext context, GetExecutionHistoryInput input)
    {
        var arn = Required(input.ExecutionArn, "executionArn");
        var maxResults = input.MaxResults is null or 0 ? 1000 : input.MaxResults.Value;
        if (maxResults is < 0 or > 1000)
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.ValidationException, "maxResults is from 0 to 1000.");
        }

        var events = Wire(_service.GetExecutionHistory(arn), input.IncludeExecutionData ?? true);
        if (input.ReverseOrder is true)
        {
            events.Reverse();
        }

        var skip = 0;
        if (input.NextToken is not null && (!int.TryParse(input.NextToken, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip > events.Count))
        {
            throw new LocalStepFunctionsException("InvalidToken", "The nextToken is not one this server issued.");
        }

        var page = events.Skip(skip).Take(maxResults).ToList();
        var next = skip + page.Count < events.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return WriteAsync(context, new GetExecutionHistoryOutput { Events = page, NextToken = next }, WireJsonContext.Default.GetExecutionHistoryOutput);
    }

    /// <summary>The history as the service reports it: local-only events left out, the rest numbered from 1 again.</summary>
    private List<HistoryEventWire> Wire(IReadOnlyList<ExecutionHistoryEvent> history, bool includeData)
    {
        var events = new List<HistoryEventWire>();
        foreach (var e in history)
        {
            if (e.WireType is not { } type)
            {
                continue;
            }

            var id = events.Count + 1;
            string? Data(string? value) => includeData ? value : null;
            var resource = e.Resource is null ? null : ResourceName(e.Resource);
            TaskDetails TaskDetail() => new() { ResourceType = "lambda", Resource = resource!, Output = Data(e.Output), Error = e.Error, Cause = e.Cause };
            events.Add(new HistoryEventWire
            {
                Timestamp = e.Timestamp,
                Type = type,
                Id = id,
                PreviousEventId = id - 1,
                ExecutionStartedEventDetails = e.Type == ExecutionHistoryEventType.ExecutionStarted ? new ExecutionStartedDetails { Input = Data(e.Input), RoleArn = e.RoleArn } : null,
                ExecutionSucceededEventDetails = e.Type == ExecutionHistoryEventType.ExecutionSucceeded ? new OutputDetails { Output = Data(e.Output) } : null,
                ExecutionFailedEventDetails = e.Type == ExecutionHistoryEventType.ExecutionFailed ? new ErrorDetails { Error = e.Error, Cause = e.Cause } : null,
                ExecutionAbortedEventDetails = e.Type == ExecutionHistoryEventType.ExecutionAborted ? new ErrorDetails { Error = e.Error, Cause = e.Cause } : null,
                ExecutionTimedOutEventDetails = e.Type == ExecutionHistoryEventType.ExecutionTimedOut ? new ErrorDetails { Error = e.Error, Cause = e.Cause } : null,
                StateEnteredEventDetails = e.Type == ExecutionHistoryEventType.StateEntered ? new StateEnteredDetails { Name = e.StateName!, Input = Data(e.Input) } : null,
                StateExitedEventDetails = e.Type == ExecutionHistoryEventType.StateExited ? new StateExitedDetails { Name = e.StateName!, Output = Data(e.Output) } : null,
                TaskScheduledEventDetails = e.Type == ExecutionHistoryEventType.TaskScheduled
                    ? new TaskScheduledDetails
                    {
                        ResourceType = "lambda",
                        Resource = resource!,
                        Region = _service.Region,
                        Parameters = Data(e.Parameters) ?? string.Empty,
                        TimeoutInSeconds = e.TimeoutSeconds,
                        HeartbeatInSeconds = e.HeartbeatSeconds,
                    }
                    : null,
                TaskStartedEventDetails = e.Type == ExecutionHistoryEventType.TaskStarted ? TaskDetail() : null,
                TaskSubmittedEventDetails = e.Type == ExecutionHistoryEventType.TaskSubmitted ? TaskDetail() : null,
                TaskSucceededEventDetails = e.Type == ExecutionHistoryEventType.TaskSucceeded ? TaskDetail() : null,
                TaskFailedEventDetails = e.Type == ExecutionHistoryEventType.TaskFailed ? TaskDetail() : null,
                TaskTimedOutEventDetails = e.Type == ExecutionHistoryEventType.TaskTimedOut ? TaskDetail() : null,
            });
        }

        return events;
    }

    /// <summary><c>arn:aws:states:::lambda:invoke.waitForTaskToken</c> → <c>invoke.waitForTaskToken</c>; a function ARN stays whole.</summary>
    private static string ResourceName(string resource)
    {
        const string Marker = ":lambda:";
        var at = resource.IndexOf(Marker, StringComparison.Ordinal);
        return resource.StartsWith("arn:aws:states:", StringComparison.Ordinal) && at >= 0 ? resource[(at + Marker.Length)..] : resource;
    }

    /// <summary>Reads a request body; an empty body is an empty object, as the SDKs send for operations without members.</summary>
    private static T Read<T>(byte[] json, JsonTypeInfo<T> type) =>
        (json.Length == 0 ? JsonSerializer.Deserialize("{}", type) : JsonSerializer.Deserialize(json, type))
        ?? throw new JsonException("The body is null.");

    private static string Required(string? value, string member) =>
        string.IsNullOrEmpty(value)
            ? throw new LocalStepFunctionsException(
                LocalStepFunctionsException.ValidationException, $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null")
            : value;

    private static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorOutput { Type = "com.amazonaws.states#" + code, Message = message }, WireJsonContext.Default.ErrorOutput);
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
