namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A citation: a generated part and the sources behind it.</summary>
public sealed record Citation
{
    /// <summary>The generated part.</summary>
    public GeneratedResponsePart? GeneratedResponsePart { get; init; }

    /// <summary>The sources.</summary>
    public IReadOnlyList<RetrievedReference> RetrievedReferences { get; init => field = value ?? []; } = [];
}
