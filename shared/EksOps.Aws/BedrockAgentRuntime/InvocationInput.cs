namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>One action the agent returned control for: exactly one of the two members is set.</summary>
public sealed record InvocationInput
{
    /// <summary>A function of a function-details action group.</summary>
    public FunctionInvocationInput? FunctionInvocationInput { get; init; }

    /// <summary>An operation of an OpenAPI-schema action group.</summary>
    public ApiInvocationInput? ApiInvocationInput { get; init; }

    /// <summary>The action group of whichever member is set.</summary>
    public string? ActionGroup => FunctionInvocationInput?.ActionGroup ?? ApiInvocationInput?.ActionGroup;

    /// <summary>Whether the user must confirm before the action runs.</summary>
    public bool RequiresConfirmation =>
        FunctionInvocationInput?.RequiresConfirmation ?? ApiInvocationInput?.RequiresConfirmation ?? false;
}
