namespace EksOps.Approval;

/// <summary>The approval function's configuration (environment variables) is missing or malformed; the message names the variable.</summary>
public sealed class ApprovalConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApprovalConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the variable.</param>
    public ApprovalConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, naming the variable.</param>
    /// <param name="innerException">The cause.</param>
    public ApprovalConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
