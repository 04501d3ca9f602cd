using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>A <c>Task</c> state that invokes a Lambda function.</summary>
internal sealed class TaskState : StateDefinition
{
    /// <inheritdoc/>
    public override string Type => "Task";

    /// <summary><c>Resource</c> as written.</summary>
    public required string Resource { get; init; }

    /// <summary>Which Lambda integration the resource is.</summary>
    public required TaskResourceKind ResourceKind { get; init; }

    /// <summary><c>Parameters</c>, if any.</summary>
    public PayloadTemplate? Parameters { get; init; }

    /// <summary><c>ResultSelector</c>, if any.</summary>
    public PayloadTemplate? ResultSelector { get; init; }

    /// <summary><c>ResultPath</c>.</summary>
    public ResultPathField ResultPath { get; init; } = ResultPathField.Root;

    /// <summary><c>TimeoutSeconds</c>, if set.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary><c>TimeoutSecondsPath</c>, if set.</summary>
    public JsonPath? TimeoutSecondsPath { get; init; }

    /// <summary><c>HeartbeatSeconds</c>, if set.</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary><c>HeartbeatSecondsPath</c>, if set.</summary>
    public JsonPath? HeartbeatSecondsPath { get; init; }

    /// <summary><c>Retry</c>, in order.</summary>
    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    /// <summary><c>Catch</c>, in order.</summary>
    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    /// <summary>The function named statically (<c>FunctionName</c> without <c>.$</c>, or the ARN of the legacy form), if any.</summary>
    public string? StaticFunctionName { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Transitions => base.Transitions.Concat(Catch.Select(c => c.Next));
}
