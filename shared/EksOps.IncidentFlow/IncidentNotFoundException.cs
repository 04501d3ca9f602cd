namespace EksOps.IncidentFlow;

/// <summary>The incident store has no incident with the payload's <c>incidentId</c> (AlarmIngest opens it before starting the execution).</summary>
/// <remarks>Not retried; the state machine escalates.</remarks>
public sealed class IncidentNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IncidentNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    public IncidentNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened, for the execution history and the escalation report.</param>
    /// <param name="innerException">The cause.</param>
    public IncidentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
