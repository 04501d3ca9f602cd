namespace EksOps.Tools;

/// <summary>No tool has the requested name.</summary>
public sealed class UnknownToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownToolException()
        : this("unknown tool")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnknownToolException(string message)
        : base(message)
    {
        ToolName = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownToolException(string message, Exception innerException)
        : base(message, innerException)
    {
        ToolName = string.Empty;
    }

    /// <summary>Creates the exception for a name and the names that exist.</summary>
    /// <param name="toolName">The requested name.</param>
    /// <param name="available">The tools that exist.</param>
    public UnknownToolException(string toolName, IEnumerable<string> available)
        : base($"no tool is named \"{toolName}\"; the tools are {string.Join(", ", available)}")
    {
        ToolName = toolName;
    }

    /// <summary>The requested name.</summary>
    public string ToolName { get; }
}
