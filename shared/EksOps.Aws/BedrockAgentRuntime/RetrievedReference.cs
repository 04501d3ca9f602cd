using System.Text.Json;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A knowledge-base source cited by a response.</summary>
public sealed record RetrievedReference
{
    /// <summary>The cited content.</summary>
    public RetrievalResultContent? Content { get; init; }

    /// <summary>Where it came from (S3, web, Confluence, …) as sent: a union of location shapes.</summary>
    public JsonElement? Location { get; init; }

    /// <summary>The source's metadata attributes as sent.</summary>
    public JsonElement? Metadata { get; init; }
}
