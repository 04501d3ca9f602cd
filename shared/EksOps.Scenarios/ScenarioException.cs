namespace EksOps.Scenarios;

/// <summary>
/// Thrown by <see cref="ScenarioLoader"/> when a scenario is invalid. It carries every problem found, not only the
/// first: <see cref="Errors"/>, one per line in the message.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates an exception with a generic message and no errors.</summary>
    public ScenarioException()
        : base("The scenario is invalid.")
    {
    }

    /// <summary>Creates an exception with the given message and no errors.</summary>
    /// <param name="message">What was wrong.</param>
    public ScenarioException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause, and no errors.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for the errors found in a folder.</summary>
    /// <param name="directory">The scenario folder (or, for <see cref="ScenarioLoader.LoadAll(string)"/>, the scenarios root).</param>
    /// <param name="errors">Every problem found, in the order found; at least one.</param>
    public ScenarioException(string directory, IReadOnlyList<ScenarioError> errors)
        : base(Format(directory, errors))
    {
        Directory = directory;
        Errors = errors.ToArray().AsReadOnly();
    }

    /// <summary>The folder the <see cref="ScenarioError.File"/>s are relative to; <see langword="null"/> if created without errors.</summary>
    public string? Directory { get; }

    /// <summary>Every problem found, in the order found (file by file, top to bottom).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; } = [];

    private static string Format(string directory, IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(errors);
        string count = errors.Count == 1 ? "1 error" : errors.Count + " errors";
        return "Invalid scenario in " + directory + " (" + count + "):" + Environment.NewLine
            + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
