namespace EksOps.Tools;

/// <summary>An expected tool failure whose message the model should see (after redaction), such as a missing object.</summary>
public sealed class ToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolException()
        : this("the tool failed")
    {
    }

    /// <summary>Creates the exception with a message and the code <c>tool_failed</c>.</summary>
    /// <param name="message">What went wrong, for the model.</param>
    public ToolException(string message)
        : this("tool_failed", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong, for the model.</param>
    /// <param name="innerException">The cause (logged, not shown).</param>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "tool_failed";
    }

    /// <summary>Creates the exception with a code and a message.</summary>
    /// <param name="code">A snake_case code: <c>not_found</c>, <c>forbidden</c>, <c>upstream_error</c>, <c>timeout</c>, …</param>
    /// <param name="message">What went wrong, for the model.</param>
    /// <param name="innerException">The cause (logged, not shown).</param>
    public ToolException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The snake_case code.</summary>
    public string Code { get; }
}
