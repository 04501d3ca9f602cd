namespace EksOps.IncidentFlow;

/// <summary>A step ran before what it needs: the timeline entry of an earlier step is missing or unreadable (for example <c>apply</c> without a <c>plan</c>, <c>analyze</c> without a <c>diagnosis</c>).</summary>
/// <remarks>Not retried; the state machine escalates.</remarks>
public sealed class StepPreconditionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepPreconditionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    public StepPreconditionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    /// <param name="innerException">The cause.</param>
    public StepPreconditionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
