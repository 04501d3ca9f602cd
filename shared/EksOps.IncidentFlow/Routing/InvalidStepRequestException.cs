namespace EksOps.IncidentFlow;

/// <summary>A task payload is not a step this function serves: not a JSON object, no <c>step</c> or <c>incidentId</c>, an unknown step, or a step's own member missing or malformed.</summary>
/// <remarks>Not retried: the state machine's <c>Catch</c> routes it to <c>Escalate</c>. The message names what is wrong.</remarks>
public sealed class InvalidStepRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidStepRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    public InvalidStepRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidStepRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
