namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// The <c>sessionState</c> of an InvokeAgent request: attributes for the session and the prompt, and the results of
/// actions the agent returned control for. (<c>knowledgeBaseConfigurations</c>, <c>files</c> and
/// <c>conversationHistory</c> are not modelled.)
/// </summary>
public sealed record SessionState
{
    /// <summary>Attributes that persist for the session (e.g. tenant, incident id).</summary>
    public IReadOnlyDictionary<string, string>? SessionAttributes { get; init; }

    /// <summary>Attributes for this turn's prompt only (e.g. time zone).</summary>
    public IReadOnlyDictionary<string, string>? PromptSessionAttributes { get; init; }

    /// <summary>The <see cref="ReturnControlPayload.InvocationId"/> the results answer.</summary>
    public string? InvocationId { get; init; }

    /// <summary>The results (1 to 5); when present, the service ignores <see cref="InvokeAgentRequest.InputText"/>.</summary>
    public IReadOnlyList<InvocationResult>? ReturnControlInvocationResults { get; init; }
}
