namespace EksOps.StateMachine.Definition.States;

/// <summary>A <c>Fail</c> state.</summary>
internal sealed class FailState : StateDefinition
{
    /// <inheritdoc/>
    public override string Type => "Fail";

    /// <summary><c>Error</c>.</summary>
    public string? Error { get; init; }

    /// <summary><c>ErrorPath</c> (a path or an intrinsic function).</summary>
    public ValueExpression? ErrorPath { get; init; }

    /// <summary><c>Cause</c>.</summary>
    public string? Cause { get; init; }

    /// <summary><c>CausePath</c> (a path or an intrinsic function).</summary>
    public ValueExpression? CausePath { get; init; }
}
