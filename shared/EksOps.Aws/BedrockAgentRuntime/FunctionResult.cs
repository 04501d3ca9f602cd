namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The result of a function, sent back in <see cref="SessionState.ReturnControlInvocationResults"/>.</summary>
public sealed record FunctionResult
{
    /// <summary>The action group, as the agent sent it (required).</summary>
    public required string ActionGroup { get; init; }

    /// <summary>The collaborator agent, as the agent sent it (multi-agent setups).</summary>
    public string? AgentId { get; init; }

    /// <summary>The function, as the agent sent it.</summary>
    public string? Function { get; init; }

    /// <summary>The response, keyed by content type: <c>TEXT</c> for functions. Null for a confirmation-only answer.</summary>
    public IReadOnlyDictionary<string, ContentBody>? ResponseBody { get; init; }

    /// <summary>Set when the function failed: <see cref="ResponseState.Reprompt"/> lets the model retry, <see cref="ResponseState.Failure"/> ends the invocation.</summary>
    public ResponseState? ResponseState { get; init; }

    /// <summary>The user's answer when the agent asked for confirmation.</summary>
    public ConfirmationState? ConfirmationState { get; init; }
}
