namespace EksOps.Lambda;

/// <summary>
/// The handler's response is larger than Lambda accepts for a buffered response (6 MB). Reported on the error route
/// instead of posting a body the Runtime API would refuse.
/// </summary>
public sealed class ResponseTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResponseTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The size and the limit.</param>
    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The size and the limit.</param>
    /// <param name="innerException">The cause.</param>
    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
