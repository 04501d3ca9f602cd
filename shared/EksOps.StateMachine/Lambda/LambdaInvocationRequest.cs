namespace EksOps.StateMachine.Lambda;

/// <summary>One Lambda invocation a Task state makes.</summary>
public sealed record LambdaInvocationRequest
{
    /// <summary>The function as the state names it (<c>FunctionName</c>, or the ARN of the legacy resource form): a name, <c>name:alias</c>, or an ARN.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The <c>Qualifier</c> parameter (version or alias), if given.</summary>
    public string? Qualifier { get; init; }

    /// <summary>The event, as JSON text.</summary>
    public required string Payload { get; init; }

    /// <summary>The execution the Task belongs to.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The Task state.</summary>
    public required string StateName { get; init; }

    /// <summary>The task token of a <c>.waitForTaskToken</c> Task (also in the payload, where the definition puts <c>$$.Task.Token</c>); null otherwise.</summary>
    public string? TaskToken { get; init; }

    /// <summary>How many times the state has retried before this attempt (<c>$$.State.RetryCount</c>).</summary>
    public int RetryCount { get; init; }
}
