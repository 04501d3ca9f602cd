namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// An InvokeAgent call: <c>POST /agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text</c> with a
/// JSON body of the remaining members (nulls are not sent).
/// </summary>
public sealed record InvokeAgentRequest
{
    /// <summary>The agent id (up to 10 letters and digits).</summary>
    public required string AgentId { get; init; }

    /// <summary>The alias id (up to 10 letters and digits; <c>TSTALIASID</c> is the draft).</summary>
    public required string AgentAliasId { get; init; }

    /// <summary>The session (2–100 characters of <c>[0-9a-zA-Z._:-]</c>); reuse it to continue a conversation. Any characters are percent-encoded in the path and signed as AWS expects.</summary>
    public required string SessionId { get; init; }

    /// <summary>The user's text. Ignored by the service when <see cref="SessionState"/> carries return-control results.</summary>
    public string? InputText { get; init; }

    /// <summary>Session and prompt attributes, and return-control results.</summary>
    public SessionState? SessionState { get; init; }

    /// <summary>Whether to stream <c>trace</c> events, which also carry the token usage.</summary>
    public bool? EnableTrace { get; init; }

    /// <summary>Whether this call ends the session.</summary>
    public bool? EndSession { get; init; }

    /// <summary>The agent memory to use (2–100 characters of <c>[0-9a-zA-Z._:-]</c>).</summary>
    public string? MemoryId { get; init; }

    /// <summary>How the final response is streamed.</summary>
    public StreamingConfigurations? StreamingConfigurations { get; init; }

    /// <summary>Sent as <c>x-amz-source-arn</c>: the ARN of the agent resource calling on behalf of another account, if any.</summary>
    public string? SourceArn { get; init; }
}
