namespace EksOps.StateMachine.Definition;

/// <summary>
/// A state machine definition cannot be run here: it is not valid Amazon States Language, a substitution is missing
/// or unused, or it uses a feature this interpreter does not support (JSONata, variables, Map, Parallel, resources
/// other than Lambda, …). <see cref="StateName"/> and <see cref="Field"/> say where.
/// </summary>
public sealed class StateMachineDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StateMachineDefinitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public StateMachineDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StateMachineDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one field of one state.</summary>
    /// <param name="stateName">The state, or null for a top-level field.</param>
    /// <param name="field">The field (e.g. <c>Retry[0].MaxAttempts</c>), or null for the definition as a whole.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StateMachineDefinitionException(string? stateName, string? field, string problem, Exception? innerException = null)
        : base(Describe(stateName, field, problem), innerException)
    {
        StateName = stateName;
        Field = field;
    }

    /// <summary>Adds where the definition came from to an exception, keeping its state and field.</summary>
    internal StateMachineDefinitionException(string source, StateMachineDefinitionException inner)
        : base($"{source}: {inner.Message}", inner)
    {
        StateName = inner.StateName;
        Field = inner.Field;
    }

    /// <summary>The state the problem is in; null for the definition's top level.</summary>
    public string? StateName { get; }

    /// <summary>The field the problem is in (e.g. <c>Retry[0].MaxAttempts</c>); null for the definition as a whole.</summary>
    public string? Field { get; }

    private static string Describe(string? stateName, string? field, string problem) => (stateName, field) switch
    {
        (not null, not null) => $"State '{stateName}', field '{field}': {problem}",
        (not null, null) => $"State '{stateName}': {problem}",
        (null, not null) => $"Field '{field}': {problem}",
        _ => problem,
    };
}
