namespace EksOps.AlarmIngest;

/// <summary>
/// An alarm's tags could not be read, so <c>EKSOPS_ALARM_TAGS</c> cannot decide whether AlarmIngest acts on it. The
/// invocation fails with this error rather than guessing: the asynchronous invocation is retried and then kept in the
/// dead-letter queue, so the alarm event is not lost. The message says why and what to fix.
/// </summary>
/// <remarks>
/// The type name is what the Lambda runtime reports as the error type (and what a dead-letter queue consumer sees);
/// do not rename it.
/// </remarks>
public sealed class AlarmTagsUnavailableException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AlarmTagsUnavailableException()
        : base("The alarm's tags could not be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the tags could not be read.</param>
    public AlarmTagsUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the tags could not be read.</param>
    /// <param name="innerException">The cause, typically an <see cref="Aws.AwsServiceException"/>.</param>
    public AlarmTagsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one alarm.</summary>
    /// <param name="alarmArn">The alarm.</param>
    /// <param name="errorCode">The service's error code, or <see langword="null"/> when the tags were not asked for.</param>
    /// <param name="message">Why the tags could not be read and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AlarmTagsUnavailableException(string alarmArn, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        AlarmArn = alarmArn;
        ErrorCode = errorCode;
    }

    /// <summary>The alarm whose tags could not be read, when known.</summary>
    public string? AlarmArn { get; }

    /// <summary>CloudWatch's error code (<c>AccessDenied</c>, <c>ResourceNotFoundException</c>, …), or <see langword="null"/> when the ARN was refused before asking.</summary>
    public string? ErrorCode { get; }
}
