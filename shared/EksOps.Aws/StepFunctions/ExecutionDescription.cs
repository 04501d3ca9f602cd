namespace EksOps.Aws.StepFunctions;

/// <summary>An execution as <c>DescribeExecution</c> reports it.</summary>
public sealed record ExecutionDescription
{
    /// <summary>The execution ARN.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The state machine ARN.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>The execution name.</summary>
    public string? Name { get; init; }

    /// <summary>The status.</summary>
    public ExecutionStatus Status { get; init; }

    /// <summary>The status as the service spelled it (<c>RUNNING</c>, <c>SUCCEEDED</c>, …).</summary>
    public string? StatusText { get; init; }

    /// <summary>When the execution started.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>When the execution stopped; null while it runs.</summary>
    public DateTimeOffset? StopDate { get; init; }

    /// <summary>The input JSON (absent when the caller may not see it or it was too large).</summary>
    public string? Input { get; init; }

    /// <summary>The output JSON of a succeeded execution.</summary>
    public string? Output { get; init; }

    /// <summary>The error name of a failed execution (what <c>Catch</c>/<c>ErrorEquals</c> see).</summary>
    public string? Error { get; init; }

    /// <summary>The cause of a failed execution.</summary>
    public string? Cause { get; init; }

    /// <summary>The X-Ray trace header the execution was started with.</summary>
    public string? TraceHeader { get; init; }

    /// <summary>The state machine version the execution runs, when it was started through a version or alias.</summary>
    public string? StateMachineVersionArn { get; init; }

    /// <summary>The alias the execution was started through, if any.</summary>
    public string? StateMachineAliasArn { get; init; }

    /// <summary>How often the execution was redriven.</summary>
    public int RedriveCount { get; init; }

    /// <summary>Whether the status is final (anything but running or pending redrive).</summary>
    public bool IsClosed => Status is not (ExecutionStatus.Running or ExecutionStatus.PendingRedrive);
}
