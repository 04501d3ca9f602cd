namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The citations of a chunk of the response.</summary>
public sealed record Attribution
{
    /// <summary>The citations.</summary>
    public IReadOnlyList<Citation> Citations { get; init => field = value ?? []; } = [];
}
