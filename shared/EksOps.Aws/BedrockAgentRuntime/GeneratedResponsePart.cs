namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The generated part of a citation.</summary>
public sealed record GeneratedResponsePart
{
    /// <summary>The text part.</summary>
    public TextResponsePart? TextResponsePart { get; init; }
}
