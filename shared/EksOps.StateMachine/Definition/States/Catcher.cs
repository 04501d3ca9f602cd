namespace EksOps.StateMachine.Definition.States;

/// <summary>One entry of a state's <c>Catch</c>.</summary>
internal sealed record Catcher
{
    /// <summary><c>ErrorEquals</c>.</summary>
    public required IReadOnlyList<string> ErrorEquals { get; init; }

    /// <summary><c>Next</c>.</summary>
    public required string Next { get; init; }

    /// <summary><c>ResultPath</c> for the error output <c>{"Error", "Cause"}</c>; default <c>$</c>.</summary>
    public ResultPathField ResultPath { get; init; } = ResultPathField.Root;
}
