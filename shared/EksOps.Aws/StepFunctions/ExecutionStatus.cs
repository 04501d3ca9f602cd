namespace EksOps.Aws.StepFunctions;

/// <summary>The status of a Step Functions execution (<c>ExecutionStatus</c> in the states 2016-11-23 model).</summary>
public enum ExecutionStatus
{
    /// <summary>A status this library does not know; see <see cref="ExecutionDescription.StatusText"/>.</summary>
    Unknown,

    /// <summary><c>RUNNING</c>.</summary>
    Running,

    /// <summary><c>SUCCEEDED</c>.</summary>
    Succeeded,

    /// <summary><c>FAILED</c>.</summary>
    Failed,

    /// <summary><c>TIMED_OUT</c>.</summary>
    TimedOut,

    /// <summary><c>ABORTED</c>.</summary>
    Aborted,

    /// <summary><c>PENDING_REDRIVE</c>: a redrive was requested and has not started yet.</summary>
    PendingRedrive,
}
