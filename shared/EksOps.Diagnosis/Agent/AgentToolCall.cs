using EksOps.Aws.BedrockAgentRuntime;

namespace EksOps.Diagnosis.Agent;

/// <summary>One tool call the Bedrock agent made through RETURN_CONTROL, as the tool registry answered it.</summary>
public sealed record AgentToolCall
{
    /// <summary>The RETURN_CONTROL round, from 1.</summary>
    public required int Round { get; init; }

    /// <summary>The tool the agent asked for (the function name, or the tool behind the OpenAPI path); <c>(none)</c> when it named none.</summary>
    public required string Tool { get; init; }

    /// <summary>The parameters as the agent sent them, as a compact JSON object of strings (secrets redacted).</summary>
    public required string Arguments { get; init; }

    /// <summary>
    /// How the call ended: <c>success</c>; for writes the envelope's status (<c>dry-run</c>, <c>applied</c>,
    /// <c>approval-required</c>, <c>denied</c>); otherwise the error code (<c>invalid_arguments</c>, <c>policy_denied</c>…).
    /// </summary>
    public required string Outcome { get; init; }

    /// <summary>The confirmation sent back for a write or a confirmation request: <see cref="ConfirmationState.Deny"/> when policy refused it.</summary>
    public ConfirmationState? Confirmation { get; init; }

    /// <summary>Why, when the registry said: the policy's reason or the error message.</summary>
    public string? Detail { get; init; }

    /// <summary>Whether the call was refused by policy (answered <c>DENY</c>): nothing was applied.</summary>
    public bool Denied => Confirmation == ConfirmationState.Deny;
}
