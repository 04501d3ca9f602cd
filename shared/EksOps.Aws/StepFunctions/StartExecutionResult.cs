namespace EksOps.Aws.StepFunctions;

/// <summary>
/// What <see cref="StepFunctionsClient.StartExecutionAsync"/> did: started the execution, or found that an execution
/// of that name already exists.
/// </summary>
public sealed record StartExecutionResult
{
    /// <summary>The execution: the one started, or the one that already had the name.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>
    /// When the execution started, as Step Functions reported it. Null when <see cref="AlreadyExists"/> is true (the
    /// error does not say).
    /// </summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>
    /// True when Step Functions answered <c>ExecutionAlreadyExists</c>: an execution with this name exists for this
    /// state machine and is either closed or running with a different input. For a caller that derives the name from
    /// the event that triggered it, this means "this event was already handled"; call
    /// <see cref="StepFunctionsClient.DescribeExecutionAsync"/> with <see cref="ExecutionArn"/> to see how it went.
    /// </summary>
    public bool AlreadyExists { get; init; }

    /// <summary>The service's message when <see cref="AlreadyExists"/> is true.</summary>
    public string? Message { get; init; }
}
