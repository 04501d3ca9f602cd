namespace EksOps.StateMachine.Execution;

/// <summary>
/// One event of an execution's history, as <see cref="LocalStepFunctions.GetExecutionHistory"/> lists it and the
/// <see cref="LocalStepFunctionsOptions.Observer"/> receives it, in order. Which members are set depends on
/// <see cref="Type"/>.
/// </summary>
public sealed record ExecutionHistoryEvent
{
    /// <summary>The event's number, from 1, in the order the events happened.</summary>
    public required long Id { get; init; }

    /// <summary>The number of the event before it (0 for the first).</summary>
    public required long PreviousEventId { get; init; }

    /// <summary>What happened.</summary>
    public required ExecutionHistoryEventType Type { get; init; }

    /// <summary>When it happened (the service's clock, <see cref="LocalStepFunctionsOptions.TimeProvider"/>).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The execution.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The state the event is about; null for execution events.</summary>
    public string? StateName { get; init; }

    /// <summary>The state's type (<c>Task</c>, <c>Pass</c>, <c>Choice</c>, <c>Wait</c>, <c>Succeed</c>, <c>Fail</c>); null for execution events.</summary>
    public string? StateType { get; init; }

    /// <summary>The input (StateEntered, ExecutionStarted) as JSON.</summary>
    public string? Input { get; init; }

    /// <summary>The execution role (ExecutionStarted).</summary>
    public string? RoleArn { get; init; }

    /// <summary>The output (StateExited, TaskSucceeded, TaskSubmitted, ExecutionSucceeded) as JSON.</summary>
    public string? Output { get; init; }

    /// <summary>The error name (TaskFailed, TaskTimedOut, RetryScheduled, ErrorCaught, Execution{Failed,TimedOut,Aborted}).</summary>
    public string? Error { get; init; }

    /// <summary>The cause that came with <see cref="Error"/>.</summary>
    public string? Cause { get; init; }

    /// <summary>The Task's resource, e.g. <c>arn:aws:states:::lambda:invoke</c> (Task events).</summary>
    public string? Resource { get; init; }

    /// <summary>The Task's effective parameters as JSON (TaskScheduled).</summary>
    public string? Parameters { get; init; }

    /// <summary>The Task's timeout in seconds, if it has one (TaskScheduled).</summary>
    public long? TimeoutSeconds { get; init; }

    /// <summary>The Task's heartbeat interval in seconds, if it has one (TaskScheduled).</summary>
    public long? HeartbeatSeconds { get; init; }

    /// <summary>How long the state took (StateExited) or the Task attempt took (TaskSucceeded, TaskFailed, TaskTimedOut).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How long the execution waits (RetryScheduled: before the retry; WaitStarted: the Wait state).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Which retry this is for the state, from 1 (RetryScheduled).</summary>
    public int? RetryAttempt { get; init; }

    /// <summary>Where the execution goes next (ErrorCaught: the catcher's Next; StateExited: the next state, null at the end).</summary>
    public string? NextState { get; init; }

    /// <summary>
    /// The service's name for the event (<c>TaskStateEntered</c>, <c>ChoiceStateExited</c>, <c>TaskScheduled</c>, …), or
    /// null for the local events that have no service equivalent.
    /// </summary>
    public string? WireType => Type switch
    {
        ExecutionHistoryEventType.StateEntered => StateType + "StateEntered",
        ExecutionHistoryEventType.StateExited => StateType + "StateExited",
        ExecutionHistoryEventType.RetryScheduled or ExecutionHistoryEventType.ErrorCaught or ExecutionHistoryEventType.WaitStarted => null,
        _ => Type.ToString(),
    };
}
