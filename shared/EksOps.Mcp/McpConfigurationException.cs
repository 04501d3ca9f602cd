namespace EksOps.Mcp;

/// <summary>The MCP endpoint's configuration (its environment variables) is invalid; the message names the variable.</summary>
public sealed class McpConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the variable.</param>
    public McpConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the variable.</param>
    /// <param name="innerException">The cause.</param>
    public McpConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
