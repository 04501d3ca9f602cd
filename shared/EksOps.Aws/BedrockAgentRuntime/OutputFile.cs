namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A file the agent produced (code interpreter output).</summary>
public sealed record OutputFile
{
    /// <summary>The file name.</summary>
    public string? Name { get; init; }

    /// <summary>The MIME type.</summary>
    public string? Type { get; init; }

    /// <summary>The content (sent base64-encoded, at most 1,000,000 bytes).</summary>
    public byte[] Bytes { get; init => field = value ?? []; } = [];
}
