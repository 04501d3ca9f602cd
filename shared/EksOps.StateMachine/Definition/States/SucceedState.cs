namespace EksOps.StateMachine.Definition.States;

/// <summary>A <c>Succeed</c> state.</summary>
internal sealed class SucceedState : StateDefinition
{
    /// <inheritdoc/>
    public override string Type => "Succeed";
}
