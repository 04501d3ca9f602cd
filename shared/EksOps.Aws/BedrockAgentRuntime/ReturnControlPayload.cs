namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The payload of a <c>returnControl</c> event: the actions the agent wants the caller to run, and the id to answer with.</summary>
public sealed record ReturnControlPayload
{
    /// <summary>The id the results must be sent back with (<see cref="SessionState.InvocationId"/>).</summary>
    public string InvocationId { get; init => field = value ?? ""; } = "";

    /// <summary>The actions (1 to 5).</summary>
    public IReadOnlyList<InvocationInput> InvocationInputs { get; init => field = value ?? []; } = [];
}
