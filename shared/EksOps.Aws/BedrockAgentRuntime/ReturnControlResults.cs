namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>What a return-control executor hands back: one result per action, and optionally new attributes.</summary>
public sealed record ReturnControlResults
{
    /// <summary>The results (1 to 5), usually one per <see cref="ReturnControlRequest.InvocationInputs"/> entry; build them with <see cref="InvocationResult.ForFunction"/> and <see cref="InvocationResult.ForApi"/>.</summary>
    public required IReadOnlyList<InvocationResult> Results { get; init; }

    /// <summary>Session attributes for the next call; null keeps those of the first request.</summary>
    public IReadOnlyDictionary<string, string>? SessionAttributes { get; init; }

    /// <summary>Prompt attributes for the next call; null keeps those of the first request.</summary>
    public IReadOnlyDictionary<string, string>? PromptSessionAttributes { get; init; }
}
