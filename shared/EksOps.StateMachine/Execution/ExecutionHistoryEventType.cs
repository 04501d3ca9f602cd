namespace EksOps.StateMachine.Execution;

/// <summary>
/// What an <see cref="ExecutionHistoryEvent"/> records. The service's event types, with the state's type folded into
/// <see cref="StateEntered"/>/<see cref="StateExited"/> (<see cref="ExecutionHistoryEvent.WireType"/> gives the
/// service's name, e.g. <c>TaskStateEntered</c>), plus three local events the service does not have:
/// <see cref="RetryScheduled"/>, <see cref="ErrorCaught"/> and <see cref="WaitStarted"/>.
/// </summary>
public enum ExecutionHistoryEventType
{
    /// <summary>The execution started (input, role).</summary>
    ExecutionStarted,

    /// <summary>The execution succeeded (output).</summary>
    ExecutionSucceeded,

    /// <summary>The execution failed (error, cause).</summary>
    ExecutionFailed,

    /// <summary>The execution ran past its <c>TimeoutSeconds</c>.</summary>
    ExecutionTimedOut,

    /// <summary>The execution was stopped.</summary>
    ExecutionAborted,

    /// <summary>A state was entered (its input).</summary>
    StateEntered,

    /// <summary>A state was left (its output, how long it took).</summary>
    StateExited,

    /// <summary>A Task attempt invoked its resource (parameters, timeout, heartbeat).</summary>
    TaskScheduled,

    /// <summary>The invocation started.</summary>
    TaskStarted,

    /// <summary>A <c>.waitForTaskToken</c> invocation returned; the Task now waits for its token.</summary>
    TaskSubmitted,

    /// <summary>The Task attempt succeeded (its result).</summary>
    TaskSucceeded,

    /// <summary>The Task attempt failed (error, cause).</summary>
    TaskFailed,

    /// <summary>The Task attempt ran past <c>TimeoutSeconds</c> or missed a heartbeat.</summary>
    TaskTimedOut,

    /// <summary>Local: a retrier matched the error; the attempt is repeated after <see cref="ExecutionHistoryEvent.Delay"/>.</summary>
    RetryScheduled,

    /// <summary>Local: a catcher matched the error; the execution goes on at <see cref="ExecutionHistoryEvent.NextState"/>.</summary>
    ErrorCaught,

    /// <summary>Local: a Wait state waits for <see cref="ExecutionHistoryEvent.Delay"/>.</summary>
    WaitStarted,
}
