namespace EksOps.StateMachine.Execution;

/// <summary>
/// A Step Functions API call on <see cref="LocalStepFunctions"/> was refused, with the service's error code (which
/// <see cref="Server.LocalStepFunctionsServer"/> sends as <c>__type</c>, with HTTP 400).
/// </summary>
public sealed class LocalStepFunctionsException : Exception
{
    /// <summary>The execution name is taken (closed, or running with another input).</summary>
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";

    /// <summary>No execution has that ARN.</summary>
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";

    /// <summary>No state machine has that ARN.</summary>
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";

    /// <summary>A state machine of that name exists already.</summary>
    public const string StateMachineAlreadyExists = "StateMachineAlreadyExists";

    /// <summary>The execution input is not JSON or over 256 KiB.</summary>
    public const string InvalidExecutionInput = "InvalidExecutionInput";

    /// <summary>The name breaks Step Functions' naming rules.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>The ARN is malformed.</summary>
    public const string InvalidArn = "InvalidArn";

    /// <summary>The token is malformed.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>The task the token belongs to is no longer waiting (answered, failed, or its execution ended), or the token is unknown.</summary>
    public const string TaskDoesNotExist = "TaskDoesNotExist";

    /// <summary>The task the token belongs to timed out.</summary>
    public const string TaskTimedOut = "TaskTimedOut";

    /// <summary><c>SendTaskSuccess</c> output is not JSON.</summary>
    public const string InvalidOutput = "InvalidOutput";

    /// <summary>A parameter breaks a length or value constraint.</summary>
    public const string ValidationException = "ValidationException";

    /// <summary>Creates the exception (code <see cref="ValidationException"/>).</summary>
    public LocalStepFunctionsException()
        : this(ValidationException, "The request is not valid.")
    {
    }

    /// <summary>Creates the exception with a message (code <see cref="ValidationException"/>).</summary>
    /// <param name="message">What is wrong.</param>
    public LocalStepFunctionsException(string message)
        : this(ValidationException, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (code <see cref="ValidationException"/>).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LocalStepFunctionsException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = ValidationException;

    /// <summary>Creates the exception for an error code.</summary>
    /// <param name="errorCode">One of the constants of this class.</param>
    /// <param name="message">What is wrong.</param>
    public LocalStepFunctionsException(string errorCode, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>The service's error code.</summary>
    public string ErrorCode { get; }
}
