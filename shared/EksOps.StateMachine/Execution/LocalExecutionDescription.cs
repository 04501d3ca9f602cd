namespace EksOps.StateMachine.Execution;

/// <summary>An execution as <c>DescribeExecution</c> reports it.</summary>
public sealed record LocalExecutionDescription
{
    /// <summary>The execution ARN.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The state machine ARN.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The execution name.</summary>
    public required string Name { get; init; }

    /// <summary>The status.</summary>
    public required LocalExecutionStatus Status { get; init; }

    /// <summary>The status as the service spells it: <c>RUNNING</c>, <c>SUCCEEDED</c>, <c>FAILED</c>, <c>TIMED_OUT</c>, <c>ABORTED</c>.</summary>
    public string StatusText => Status switch
    {
        LocalExecutionStatus.Running => "RUNNING",
        LocalExecutionStatus.Succeeded => "SUCCEEDED",
        LocalExecutionStatus.Failed => "FAILED",
        LocalExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };

    /// <summary>When the execution started.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>When it stopped; null while it runs.</summary>
    public DateTimeOffset? StopDate { get; init; }

    /// <summary>The input JSON.</summary>
    public required string Input { get; init; }

    /// <summary>The output JSON of a succeeded execution.</summary>
    public string? Output { get; init; }

    /// <summary>The error name of a failed, timed-out or aborted execution.</summary>
    public string? Error { get; init; }

    /// <summary>The cause that came with <see cref="Error"/>.</summary>
    public string? Cause { get; init; }

    /// <summary>The trace header the execution was started with, if any.</summary>
    public string? TraceHeader { get; init; }
}
