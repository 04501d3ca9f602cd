namespace EksOps.StateMachine.Lambda;

/// <summary>
/// Thrown by an <see cref="ILambdaTaskInvoker"/> when Lambda itself failed the Invoke call (as opposed to the function
/// failing): the Task fails with <c>Lambda.</c> + <see cref="ErrorCode"/>, e.g. <c>Lambda.TooManyRequestsException</c>,
/// and the message as the cause.
/// </summary>
public sealed class LambdaServiceException : Exception
{
    /// <summary>Creates the exception (error code <c>ServiceException</c>).</summary>
    public LambdaServiceException()
        : this("ServiceException", "Lambda failed the invocation.")
    {
    }

    /// <summary>Creates the exception with a message (error code <c>ServiceException</c>).</summary>
    /// <param name="message">What Lambda said.</param>
    public LambdaServiceException(string message)
        : this("ServiceException", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (error code <c>ServiceException</c>).</summary>
    /// <param name="message">What Lambda said.</param>
    /// <param name="innerException">The cause.</param>
    public LambdaServiceException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = "ServiceException";

    /// <summary>Creates the exception for a Lambda error code.</summary>
    /// <param name="errorCode">The Invoke error, e.g. <c>TooManyRequestsException</c>, <c>ResourceNotFoundException</c>, <c>ServiceException</c> (a leading <c>Lambda.</c> is dropped).</param>
    /// <param name="message">What Lambda said; it becomes the Task error's cause.</param>
    /// <param name="innerException">The cause, if any.</param>
    public LambdaServiceException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode.StartsWith("Lambda.", StringComparison.Ordinal) ? errorCode["Lambda.".Length..] : errorCode;
    }

    /// <summary>The Invoke error code, without the <c>Lambda.</c> prefix.</summary>
    public string ErrorCode { get; }

    /// <summary>The Task error name: <c>Lambda.</c> + <see cref="ErrorCode"/>.</summary>
    public string StatesError => "Lambda." + ErrorCode;
}
