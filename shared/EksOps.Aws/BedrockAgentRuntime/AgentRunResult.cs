namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The outcome of an agent run through the return-control loop (or as far as it got, in <see cref="ReturnControlLimitException.Partial"/>).</summary>
public sealed record AgentRunResult
{
    /// <summary>The agent's answer: the bytes of every <c>chunk</c> event joined, then decoded as UTF-8.</summary>
    public required string Text { get; init; }

    /// <summary>Every trace, in order, across all invocations.</summary>
    public required IReadOnlyList<TraceEvent> Traces { get; init; }

    /// <summary>The tokens the traces reported, summed.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>How many rounds the executor completed.</summary>
    public required int Rounds { get; init; }

    /// <summary>How many InvokeAgent calls were made.</summary>
    public required int Invocations { get; init; }

    /// <summary>Every return-control request the agent made, in order (including one left unanswered when a limit stopped the run).</summary>
    public required IReadOnlyList<ReturnControlPayload> ReturnControls { get; init; }

    /// <summary>The files the agent produced.</summary>
    public required IReadOnlyList<OutputFile> Files { get; init; }

    /// <summary>The citations of the answer's chunks.</summary>
    public required IReadOnlyList<Attribution> Attributions { get; init; }

    /// <summary>The session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The agent memory, if the service named one.</summary>
    public string? MemoryId { get; init; }
}
