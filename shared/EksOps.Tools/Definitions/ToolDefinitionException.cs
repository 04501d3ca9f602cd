namespace EksOps.Tools;

/// <summary>A tool definition breaks a rule (name, description length, parameter, schema); the message lists every problem.</summary>
public sealed class ToolDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolDefinitionException()
        : this("invalid tool definition", [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ToolDefinitionException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToolDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception for a tool and its problems.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="problems">Every problem found.</param>
    public ToolDefinitionException(string toolName, IReadOnlyList<string> problems)
        : base(toolName + ": " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
