namespace EksOps.Tools.Faces;

/// <summary>
/// The event is not a Bedrock agent action-group event that can be answered: not an object, another message version,
/// no action group, or neither <c>function</c> nor <c>apiPath</c>. The runtime reports it on the invocation's error
/// route under this type name and goes on serving; an event that names its action and function but carries malformed
/// parameters is answered in Bedrock's shape instead.
/// </summary>
public sealed class InvalidActionGroupEventException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidActionGroupEventException()
        : base("The event is not a Bedrock agent action-group event.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, starting with the JSON path.</param>
    public InvalidActionGroupEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What was wrong, starting with the JSON path.</param>
    /// <param name="innerException">The underlying error.</param>
    public InvalidActionGroupEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
