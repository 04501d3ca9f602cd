namespace EksOps.StateMachine.Definition.States;

/// <summary>One state of a loaded definition; the subclasses carry what each type needs to run.</summary>
internal abstract class StateDefinition
{
    /// <summary>The state's name.</summary>
    public required string Name { get; init; }

    /// <summary>The state's <c>Type</c> as written: <c>Task</c>, <c>Pass</c>, <c>Choice</c>, <c>Wait</c>, <c>Succeed</c>, <c>Fail</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The state after this one; null when the state ends the execution (<c>End</c>, Succeed, Fail) or decides itself (Choice).</summary>
    public string? Next { get; init; }

    /// <summary><c>InputPath</c>.</summary>
    public DataPath InputPath { get; init; } = DataPath.Root;

    /// <summary><c>OutputPath</c>.</summary>
    public DataPath OutputPath { get; init; } = DataPath.Root;

    /// <summary>Every state this one can go to (Next, Default, Choices, Catch), for the reachability check.</summary>
    public virtual IEnumerable<string> Transitions => Next is null ? [] : [Next];
}
