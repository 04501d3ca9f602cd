namespace EksOps.Tools;

/// <summary>A registry cannot be built: a definition has no body (or the wrong kind of body), or a body names no known tool.</summary>
public sealed class ToolBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolBindingException()
        : this("a tool is not bound")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ToolBindingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToolBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
