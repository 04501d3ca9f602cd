namespace EksOps.Lambda;

/// <summary>
/// The invocation's event could not be read as the handler's input type: it was empty, not JSON, or JSON of another
/// shape. Reported on the Runtime API's error route with this type name, so a Step Functions <c>Catch</c> can tell
/// bad input from a failed handler.
/// </summary>
public sealed class EventDeserializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventDeserializationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong with the event.</param>
    public EventDeserializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the serializer's error.</summary>
    /// <param name="message">What was wrong with the event.</param>
    /// <param name="innerException">The serializer's error.</param>
    public EventDeserializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
