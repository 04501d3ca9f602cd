namespace EksOps.StateMachine.Definition.States;

/// <summary>A <c>Choice</c> state.</summary>
internal sealed class ChoiceState : StateDefinition
{
    /// <inheritdoc/>
    public override string Type => "Choice";

    /// <summary><c>Choices</c>: the top-level rules with their <c>Next</c>, in order.</summary>
    public required IReadOnlyList<(ChoiceRule Rule, string Next)> Choices { get; init; }

    /// <summary><c>Default</c>, if any.</summary>
    public string? Default { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Transitions =>
        Choices.Select(c => c.Next).Concat(Default is null ? [] : [Default]);
}
