using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>A <c>Wait</c> state; exactly one of its four fields is set.</summary>
internal sealed class WaitState : StateDefinition
{
    /// <inheritdoc/>
    public override string Type => "Wait";

    /// <summary><c>Seconds</c>.</summary>
    public long? Seconds { get; init; }

    /// <summary><c>Timestamp</c>.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary><c>SecondsPath</c>.</summary>
    public JsonPath? SecondsPath { get; init; }

    /// <summary><c>TimestampPath</c>.</summary>
    public JsonPath? TimestampPath { get; init; }
}
