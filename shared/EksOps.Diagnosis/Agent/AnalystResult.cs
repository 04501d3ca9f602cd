using EksOps.Aws.BedrockAgentRuntime;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// The decision of <see cref="BedrockAnalyst"/>: the diagnosis to act on (its <see cref="DiagnosisResult.DecidedBy"/>
/// and <see cref="DiagnosisResult.DecisionReason"/> say which path decided and why) and what the model path did.
/// </summary>
public sealed record AnalystResult
{
    /// <summary>The diagnosis: the model's decision when it was asked and its answer passed validation, otherwise the deterministic one.</summary>
    public required DiagnosisResult Diagnosis { get; init; }

    /// <summary>Whether the agent was invoked.</summary>
    public required bool ModelCalled { get; init; }

    /// <summary>Why the agent was or was not invoked (for example "deterministic confidence 0.35 below the threshold 0.60").</summary>
    public required string Routing { get; init; }

    /// <summary>Why the model's answer was not used (the call failed, the answer was malformed or invalid); <see langword="null"/> when it was used or not asked for.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>The answer parsed from the agent's final text, valid or not; <see langword="null"/> when there was none.</summary>
    public ModelAnswer? Answer { get; init; }

    /// <summary>The agent's final text (redacted), for the record.</summary>
    public string? FinalText { get; init; }

    /// <summary>Every tool call the agent made through RETURN_CONTROL, with its outcome (denied writes included).</summary>
    public IReadOnlyList<AgentToolCall> ToolCalls { get; init; } = [];

    /// <summary>The tokens the run's traces reported.</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>How many InvokeAgent calls the run made.</summary>
    public int Invocations { get; init; }

    /// <summary>How many RETURN_CONTROL rounds were answered.</summary>
    public int Rounds { get; init; }

    /// <summary>The run's wall time.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Whether the evidence digest was cut to fit <see cref="BedrockAnalystOptions.MaxInputBytes"/> (the input said so).</summary>
    public bool InputTruncated { get; init; }

    /// <summary>The size of the input text sent, in UTF-8 bytes.</summary>
    public int InputBytes { get; init; }

    /// <summary>The agent session.</summary>
    public string? SessionId { get; init; }
}
