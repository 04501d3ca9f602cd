namespace EksOps.IncidentFlow;

/// <summary><c>EKSOPS_ANALYST_MODE=always</c> requires the Bedrock agent's decision and the agent could not be reached (a service error, a broken stream, a deadline); throttling is an <see cref="EksOps.Aws.AwsThrottlingException"/> instead, which the state machine retries.</summary>
/// <remarks>Not retried; the state machine escalates with the reason.</remarks>
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    /// <param name="innerException">The cause.</param>
    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
