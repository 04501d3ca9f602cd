using System.Text;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Aws.Serialization;

namespace EksOps.Aws.StepFunctions;

/// <summary>
/// AWS Step Functions (<c>states</c>, 2016-11-23, AWS JSON 1.0, <c>X-Amz-Target: AWSStepFunctions.&lt;Op&gt;</c>):
/// starting and describing executions, and the callbacks of <c>.waitForTaskToken</c> tasks.
/// </summary>
/// <remarks>IAM: <c>states:StartExecution</c>, <c>states:DescribeExecution</c>, <c>states:SendTaskSuccess</c>, <c>states:SendTaskFailure</c>, <c>states:SendTaskHeartbeat</c>.</remarks>
public sealed class StepFunctionsClient
{
    /// <summary>The error code of a start whose name is taken (closed execution, or running with another input).</summary>
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";

    /// <summary>The error code of a callback for a task whose timeout or heartbeat interval passed.</summary>
    public const string TaskTimedOut = "TaskTimedOut";

    /// <summary>The error code of a callback for a task or execution that no longer exists.</summary>
    public const string TaskDoesNotExist = "TaskDoesNotExist";

    /// <summary>The error code of a malformed task token, or one from another account or region.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>The most characters <c>SendTaskFailure</c> takes as <c>error</c>; longer errors are cut.</summary>
    public const int MaxErrorLength = 256;

    /// <summary>The most characters <c>SendTaskFailure</c> takes as <c>cause</c>; longer causes are cut.</summary>
    public const int MaxCauseLength = 32_768;

    /// <summary>The most UTF-8 bytes of an execution input or a task output.</summary>
    public const int MaxPayloadBytes = 262_144;

    /// <summary>AWS Step Functions over AWS JSON 1.0 (botocore: <c>endpointPrefix states</c>, <c>targetPrefix AWSStepFunctions</c>).</summary>
    internal static readonly AwsJsonService Service = new("states", "states", "AWSStepFunctions", AwsJsonVersion.Json10);

    private readonly AwsJsonClient _json;

    /// <summary>Creates the client on a shared pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public StepFunctionsClient(AwsHttpPipeline pipeline) => _json = new AwsJsonClient(pipeline, Service);

    /// <summary>
    /// Starts an execution, idempotently by name.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Names are unique per state machine for 90 days, so a name derived from the triggering event (see
    /// <see cref="ExecutionNames.Sanitize"/>) makes duplicate deliveries and retries safe. What Step Functions does with
    /// a name it has seen depends on the workflow type:
    /// </para>
    /// <list type="bullet">
    ///   <item><description><b>Standard</b>, same name and same input, execution still running: HTTP 200 with the
    ///   original execution's ARN and start date. This returns it as a normal result (<see cref="StartExecutionResult.AlreadyExists"/>
    ///   false), because the response cannot be told apart from a fresh start.</description></item>
    ///   <item><description><b>Standard</b>, execution closed, or running with a different input: HTTP 400
    ///   <c>ExecutionAlreadyExists</c>. This is not thrown: the result has <see cref="StartExecutionResult.AlreadyExists"/>
    ///   true and the existing execution's ARN (taken from the error message, else built from the state machine ARN and
    ///   the name).</description></item>
    ///   <item><description><b>Express</b>: starts are not idempotent; every call starts a new execution.</description></item>
    /// </list>
    /// <para>All other errors (<c>StateMachineDoesNotExist</c>, <c>InvalidName</c>, <c>InvalidExecutionInput</c>, throttling, …) throw.</para>
    /// </remarks>
    /// <param name="request">The state machine, name, input and trace header.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution started, or the one that already had the name.</returns>
    /// <exception cref="ArgumentException">The name or input breaks the service's limits (checked before sending).</exception>
    /// <exception cref="AwsServiceException">Step Functions answered with an error other than <c>ExecutionAlreadyExists</c>.</exception>
    public async Task<StartExecutionResult> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.StateMachineArn, nameof(request));
        if (request.Name is not null)
        {
            ExecutionNames.Validate(request.Name, nameof(request));
        }

        var input = string.IsNullOrEmpty(request.Input) ? "{}" : request.Input;
        CheckPayload(input, "The execution input", nameof(request));
        try
        {
            var output = await _json.InvokeAsync(
                "StartExecution",
                new StartExecutionInput { StateMachineArn = request.StateMachineArn, Name = request.Name, Input = input, TraceHeader = request.TraceHeader },
                AwsJsonContext.Default.StartExecutionInput,
                AwsJsonContext.Default.StartExecutionOutput,
                cancellationToken).ConfigureAwait(false);
            return new StartExecutionResult
            {
                ExecutionArn = string.IsNullOrEmpty(output.ExecutionArn)
                    ? throw new System.Text.Json.JsonException("states StartExecution: the response has no executionArn.")
                    : output.ExecutionArn,
                StartDate = output.StartDate,
            };
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == ExecutionAlreadyExists && request.Name is not null)
        {
            return new StartExecutionResult
            {
                ExecutionArn = ArnFromMessage(ex.ErrorMessage) ?? ExecutionArnFor(request.StateMachineArn, request.Name),
                AlreadyExists = true,
                Message = ex.ErrorMessage,
            };
        }
    }

    /// <summary>Reads an execution's status, input, output, error and cause.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution.</returns>
    /// <exception cref="AwsServiceException">Step Functions answered with an error (e.g. <c>ExecutionDoesNotExist</c>, <c>InvalidArn</c>).</exception>
    public async Task<ExecutionDescription> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionArn);
        var output = await _json.InvokeAsync(
            "DescribeExecution",
            new DescribeExecutionInput { ExecutionArn = executionArn },
            AwsJsonContext.Default.DescribeExecutionInput,
            AwsJsonContext.Default.DescribeExecutionOutput,
            cancellationToken).ConfigureAwait(false);
        return new ExecutionDescription
        {
            ExecutionArn = output.ExecutionArn ?? executionArn,
            StateMachineArn = output.StateMachineArn,
            Name = output.Name,
            Status = ParseStatus(output.Status),
            StatusText = output.Status,
            StartDate = output.StartDate,
            StopDate = output.StopDate,
            Input = output.Input,
            Output = output.Output,
            Error = output.Error,
            Cause = output.Cause,
            TraceHeader = output.TraceHeader,
            StateMachineVersionArn = output.StateMachineVersionArn,
            StateMachineAliasArn = output.StateMachineAliasArn,
            RedriveCount = output.RedriveCount ?? 0,
        };
    }

    /// <summary>Completes a <c>.waitForTaskToken</c> task: <paramref name="output"/> becomes the task's result.</summary>
    /// <param name="taskToken">The token the task handed out (<c>$$.Task.Token</c>).</param>
    /// <param name="output">The result, a JSON text of at most 262,144 UTF-8 bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Step Functions accepted the result.</returns>
    /// <exception cref="ArgumentException">The output is empty or too large (checked before sending).</exception>
    /// <exception cref="TaskTokenRejectedException">The task timed out, no longer exists, or the token is invalid.</exception>
    /// <exception cref="AwsServiceException">Step Functions answered with another error (e.g. <c>InvalidOutput</c>).</exception>
    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskToken);
        ArgumentException.ThrowIfNullOrEmpty(output);
        CheckPayload(output, "The task output", nameof(output));
        return CallbackAsync(
            "SendTaskSuccess",
            new SendTaskSuccessInput { TaskToken = taskToken, Output = output },
            AwsJsonContext.Default.SendTaskSuccessInput,
            cancellationToken);
    }

    /// <summary>
    /// Fails a <c>.waitForTaskToken</c> task with an error name (what <c>Catch</c>/<c>ErrorEquals</c> match) and a
    /// cause. An error longer than 256 characters or a cause longer than 32,768 is cut to fit, never between the two
    /// halves of a surrogate pair.
    /// </summary>
    /// <param name="taskToken">The token the task handed out.</param>
    /// <param name="error">The error name, e.g. <c>Remediation.Rejected</c>; null or empty sends none.</param>
    /// <param name="cause">A human-readable cause; null or empty sends none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Step Functions accepted the failure.</returns>
    /// <exception cref="TaskTokenRejectedException">The task timed out, no longer exists, or the token is invalid.</exception>
    /// <exception cref="AwsServiceException">Step Functions answered with another error.</exception>
    public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskToken);
        return CallbackAsync(
            "SendTaskFailure",
            new SendTaskFailureInput
            {
                TaskToken = taskToken,
                Error = string.IsNullOrEmpty(error) ? null : Truncate(error, MaxErrorLength),
                Cause = string.IsNullOrEmpty(cause) ? null : Truncate(cause, MaxCauseLength),
            },
            AwsJsonContext.Default.SendTaskFailureInput,
            cancellationToken);
    }

    /// <summary>Tells Step Functions the worker is still busy, resetting the task's <c>HeartbeatSeconds</c> clock.</summary>
    /// <param name="taskToken">The token the task handed out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Step Functions accepted the heartbeat.</returns>
    /// <exception cref="TaskTokenRejectedException">The task timed out, no longer exists, or the token is invalid.</exception>
    /// <exception cref="AwsServiceException">Step Functions answered with another error.</exception>
    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskToken);
        return CallbackAsync(
            "SendTaskHeartbeat",
            new SendTaskHeartbeatInput { TaskToken = taskToken },
            AwsJsonContext.Default.SendTaskHeartbeatInput,
            cancellationToken);
    }

    /// <summary>
    /// Cuts <paramref name="value"/> to at most <paramref name="maxLength"/> UTF-16 code units without splitting a
    /// surrogate pair. (The service counts characters as code points, of which there are never more than code units.)
    /// </summary>
    internal static string Truncate(string value, int maxLength)
    {
        if (value.Length <= maxLength)
        {
            return value;
        }

        var cut = maxLength;
        if (char.IsHighSurrogate(value[cut - 1]) && char.IsLowSurrogate(value[cut]))
        {
            cut--;
        }

        return value[..cut];
    }

    /// <summary>
    /// The ARN of execution <paramref name="name"/> of a state machine: <c>arn:P:states:R:A:stateMachine:SM[:qualifier]</c>
    /// → <c>arn:P:states:R:A:execution:SM:name</c> (executions started through a version or alias live under the
    /// state machine itself).
    /// </summary>
    internal static string ExecutionArnFor(string stateMachineArn, string name)
    {
        var parts = stateMachineArn.Split(':');
        return parts.Length >= 7 && parts[5] == "stateMachine"
            ? string.Join(':', parts[..5]) + ":execution:" + parts[6] + ":" + name
            : stateMachineArn + ":" + name;
    }

    internal static ExecutionStatus ParseStatus(string? status) => status switch
    {
        "RUNNING" => ExecutionStatus.Running,
        "SUCCEEDED" => ExecutionStatus.Succeeded,
        "FAILED" => ExecutionStatus.Failed,
        "TIMED_OUT" => ExecutionStatus.TimedOut,
        "ABORTED" => ExecutionStatus.Aborted,
        "PENDING_REDRIVE" => ExecutionStatus.PendingRedrive,
        _ => ExecutionStatus.Unknown,
    };

    private async Task CallbackAsync<TInput>(
        string operation, TInput input, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TInput> inputType, CancellationToken cancellationToken)
    {
        try
        {
            await _json.InvokeAsync(operation, input, inputType, AwsJsonContext.Default.StepFunctionsEmptyOutput, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is TaskTimedOut or TaskDoesNotExist or InvalidToken)
        {
            throw new TaskTokenRejectedException(ex);
        }
    }

    /// <summary>The execution ARN quoted in <c>Execution Already Exists: 'arn:…'</c>, if the message has one.</summary>
    private static string? ArnFromMessage(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var start = message.IndexOf("'arn:", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }

    private static void CheckPayload(string json, string what, string parameterName)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxPayloadBytes)
        {
            throw new ArgumentException($"{what} is {bytes} UTF-8 bytes; Step Functions takes at most {MaxPayloadBytes}.", parameterName);
        }
    }
}
