namespace EksOps.Approval;

/// <summary>
/// The request step cannot ask for approval: the incident or its plan is missing, the plan's decision is not
/// <c>approve</c>, or its change cannot be read or does not match its patch hash. The state machine's <c>Catch</c>
/// escalates the incident; nothing was published.
/// </summary>
public sealed class ApprovalRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApprovalRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why approval cannot be requested.</param>
    public ApprovalRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Why approval cannot be requested.</param>
    /// <param name="innerException">The cause.</param>
    public ApprovalRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
