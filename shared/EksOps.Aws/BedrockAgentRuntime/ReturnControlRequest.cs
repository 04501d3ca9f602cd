namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>What a return-control executor is asked to do: the actions of one <c>returnControl</c> event.</summary>
public sealed record ReturnControlRequest
{
    /// <summary>The event's payload.</summary>
    public required ReturnControlPayload Payload { get; init; }

    /// <summary>Which round this is, from 1.</summary>
    public required int Round { get; init; }

    /// <summary>The session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The id the results are sent back with.</summary>
    public string InvocationId => Payload.InvocationId;

    /// <summary>The actions (1 to 5); answer each with one <see cref="InvocationResult"/>.</summary>
    public IReadOnlyList<InvocationInput> InvocationInputs => Payload.InvocationInputs;
}
