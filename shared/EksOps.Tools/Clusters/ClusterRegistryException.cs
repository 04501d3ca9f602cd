namespace EksOps.Tools;

/// <summary>The cluster registry's JSON is invalid; <see cref="Errors"/> has every problem with its JSON path.</summary>
public sealed class ClusterRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterRegistryException()
        : this("invalid cluster registry")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ClusterRegistryException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ClusterRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception for a source and its problems.</summary>
    /// <param name="source">Where the JSON came from (an environment variable or a file).</param>
    /// <param name="errors">Every problem, each <c>$.path: expected … but found …</c>.</param>
    public ClusterRegistryException(string source, IReadOnlyList<string> errors)
        : base(source + ": " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, each with its JSON path.</summary>
    public IReadOnlyList<string> Errors { get; }
}
