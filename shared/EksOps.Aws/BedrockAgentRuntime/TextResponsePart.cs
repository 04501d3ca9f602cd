namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A part of the generated text that a citation supports.</summary>
public sealed record TextResponsePart
{
    /// <summary>The text.</summary>
    public string? Text { get; init; }

    /// <summary>Where it sits in the response.</summary>
    public ResponseSpan? Span { get; init; }
}
