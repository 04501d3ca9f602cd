namespace EksOps.StateMachine.Execution;

/// <summary>The status of a local execution (the service's <c>ExecutionStatus</c>).</summary>
public enum LocalExecutionStatus
{
    /// <summary><c>RUNNING</c>.</summary>
    Running,

    /// <summary><c>SUCCEEDED</c>: a Succeed state or an <c>End</c> was reached.</summary>
    Succeeded,

    /// <summary><c>FAILED</c>: a Fail state, or an error no <c>Catch</c> handled.</summary>
    Failed,

    /// <summary><c>TIMED_OUT</c>: the definition's <c>TimeoutSeconds</c> passed.</summary>
    TimedOut,

    /// <summary><c>ABORTED</c>: stopped by <see cref="LocalStepFunctions.StopExecutionAsync"/> or by disposing the service.</summary>
    Aborted,
}
