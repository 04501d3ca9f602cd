namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A response body sent back for an action.</summary>
public sealed record ContentBody
{
    /// <summary>Creates an empty body.</summary>
    public ContentBody()
    {
    }

    /// <summary>Creates a body with <paramref name="body"/>.</summary>
    /// <param name="body">The text (often JSON) the model will read.</param>
    public ContentBody(string body) => Body = body;

    /// <summary>The text the model will read.</summary>
    public string? Body { get; init; }
}
