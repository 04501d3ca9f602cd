namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The content of a retrieved reference (text kinds only; rows, audio and video stay in <see cref="RetrievedReference"/>'s raw members).</summary>
public sealed record RetrievalResultContent
{
    /// <summary>The kind, e.g. <c>TEXT</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The text.</summary>
    public string? Text { get; init; }
}
