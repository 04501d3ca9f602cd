namespace EksOps.Local;

/// <summary>A local replay could not run the incident (AlarmIngest failed or started nothing).</summary>
public sealed class LocalReplayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalReplayException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LocalReplayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LocalReplayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
