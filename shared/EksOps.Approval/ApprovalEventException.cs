namespace EksOps.Approval;

/// <summary>
/// The approval function got an event it cannot handle: neither a state-machine step (<c>{"step": "request", …}</c>)
/// nor a Function URL request, an unknown step, or a step payload with a missing or malformed field (the message says
/// which). The invocation fails with this error; nothing was written.
/// </summary>
public sealed class ApprovalEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApprovalEventException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the event.</param>
    public ApprovalEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong with the event.</param>
    /// <param name="innerException">The cause.</param>
    public ApprovalEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
