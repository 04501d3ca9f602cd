namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The result of an API operation, sent back in <see cref="SessionState.ReturnControlInvocationResults"/>.</summary>
public sealed record ApiResult
{
    /// <summary>The action group, as the agent sent it (required).</summary>
    public required string ActionGroup { get; init; }

    /// <summary>The collaborator agent, as the agent sent it (multi-agent setups).</summary>
    public string? AgentId { get; init; }

    /// <summary>The API path, as the agent sent it.</summary>
    public string? ApiPath { get; init; }

    /// <summary>The HTTP method, as the agent sent it.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>The status the operation ended with, e.g. 200 or 404.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>
    /// The response, keyed by content type. AWS's worked example uses the media type declared in the OpenAPI schema
    /// (<c>application/json</c>); the API reference says <c>TEXT</c>. Null for a confirmation-only answer.
    /// </summary>
    public IReadOnlyDictionary<string, ContentBody>? ResponseBody { get; init; }

    /// <summary>Set when the operation failed: <see cref="ResponseState.Reprompt"/> lets the model retry, <see cref="ResponseState.Failure"/> ends the invocation.</summary>
    public ResponseState? ResponseState { get; init; }

    /// <summary>The user's answer when the agent asked for confirmation.</summary>
    public ConfirmationState? ConfirmationState { get; init; }
}
