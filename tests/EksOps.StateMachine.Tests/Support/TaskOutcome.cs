namespace EksOps.StateMachine.Tests.Support;

/// <summary>What one scripted Lambda invocation does; the same script drives the local executor and moto's interpreter.</summary>
public sealed record TaskOutcome
{
    private TaskOutcome(TaskOutcomeKind kind, string body, string? errorType = null)
    {
        Kind = kind;
        Body = body;
        ErrorType = errorType;
    }

    /// <summary>What happens.</summary>
    public TaskOutcomeKind Kind { get; }

    /// <summary>The function output, the error document, or Lambda's error body.</summary>
    public string Body { get; }

    /// <summary>The function's <c>errorType</c>, or Lambda's error code.</summary>
    public string? ErrorType { get; }

    /// <summary>The function returns <paramref name="json"/>.</summary>
    public static TaskOutcome Return(string json) => new(TaskOutcomeKind.Return, json);

    /// <summary>The function throws: an error document with <paramref name="errorType"/>, as our runtime reports it.</summary>
    public static TaskOutcome FunctionError(string errorType, string message) =>
        new(TaskOutcomeKind.FunctionError, JsonValuesForTests.Compact(new JsonObject { ["errorType"] = errorType, ["errorMessage"] = message }), errorType);

    /// <summary>Lambda refuses the call with 429 <c>TooManyRequestsException</c>.</summary>
    public static TaskOutcome Throttled() => new(TaskOutcomeKind.ServiceError, """{"Type":"User","message":"Rate Exceeded."}""", "TooManyRequestsException");

    /// <summary>As the local executor's invoker returns it.</summary>
    public LambdaInvocationResult ToResult() => Kind switch
    {
        TaskOutcomeKind.Return => LambdaInvocationResult.Success(Body),
        TaskOutcomeKind.FunctionError => LambdaInvocationResult.FunctionError(Body),
        _ => throw new LambdaServiceException(ErrorType!, "Rate Exceeded."),
    };
}

/// <summary>The kinds of <see cref="TaskOutcome"/>.</summary>
public enum TaskOutcomeKind
{
    /// <summary>A result.</summary>
    Return,

    /// <summary>A function error.</summary>
    FunctionError,

    /// <summary>A Lambda service error.</summary>
    ServiceError,
}
