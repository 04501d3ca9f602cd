namespace EksOps.IncidentFlow;

/// <summary>Another invocation holds the once-only claim of this step (for example <c>apply:&lt;patch hash&gt;</c>) and has not completed it; nothing was done by this one.</summary>
/// <remarks>Retryable: Step Functions retries the task when the state's <c>Retry</c> names this error (<c>StepInProgressException</c>); a claim whose holder died is never taken over, so the retries end in an escalation rather than a second write.</remarks>
public sealed class StepInProgressException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepInProgressException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    public StepInProgressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    /// <param name="innerException">The cause.</param>
    public StepInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
