namespace EksOps.IncidentEvents;

/// <summary>An incident event was not published (the bus refused the entry).</summary>
public sealed class IncidentEventPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IncidentEventPublishException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the event was not published.</param>
    public IncidentEventPublishException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Why the event was not published.</param>
    /// <param name="innerException">The cause.</param>
    public IncidentEventPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The entry's error code from the bus (<c>AccessDeniedException</c>, <c>MalformedDetail</c>, …), when it gave one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The bus's message for <see cref="ErrorCode"/>, when it gave one.</summary>
    public string? ErrorMessage { get; init; }
}
