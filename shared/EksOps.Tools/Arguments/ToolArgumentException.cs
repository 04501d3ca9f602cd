namespace EksOps.Tools;

/// <summary>Arguments do not satisfy a tool's input schema; <see cref="Errors"/> lists every violation.</summary>
public sealed class ToolArgumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolArgumentException()
        : this("invalid tool arguments")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ToolArgumentException(string message)
        : base(message)
    {
        ToolName = string.Empty;
        Errors = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToolArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
        ToolName = string.Empty;
        Errors = [];
    }

    /// <summary>Creates the exception for a tool's violations.</summary>
    /// <param name="toolName">The tool.</param>
    /// <param name="errors">Every violation.</param>
    public ToolArgumentException(string toolName, IReadOnlyList<ToolArgumentError> errors)
        : base(toolName + ": " + string.Join("; ", errors))
    {
        ToolName = toolName;
        Errors = errors;
    }

    /// <summary>The tool the arguments were for.</summary>
    public string ToolName { get; }

    /// <summary>Every violation, by path.</summary>
    public IReadOnlyList<ToolArgumentError> Errors { get; }
}
