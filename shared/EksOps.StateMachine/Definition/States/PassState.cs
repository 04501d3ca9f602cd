using System.Text.Json.Nodes;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>A <c>Pass</c> state.</summary>
internal sealed class PassState : StateDefinition
{
    /// <inheritdoc/>
    public override string Type => "Pass";

    /// <summary><c>Parameters</c>, if any.</summary>
    public PayloadTemplate? Parameters { get; init; }

    /// <summary>Whether <c>Result</c> is set (it may be set to <c>null</c>).</summary>
    public bool HasResult { get; init; }

    /// <summary><c>Result</c>.</summary>
    public JsonNode? Result { get; init; }

    /// <summary><c>ResultPath</c>.</summary>
    public ResultPathField ResultPath { get; init; } = ResultPathField.Root;
}
