namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>Where a cited part sits in the generated response (character offsets).</summary>
public sealed record ResponseSpan
{
    /// <summary>The first character.</summary>
    public int? Start { get; init; }

    /// <summary>The last character.</summary>
    public int? End { get; init; }
}
