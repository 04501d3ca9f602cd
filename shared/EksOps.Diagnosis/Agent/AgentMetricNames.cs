namespace EksOps.Diagnosis.Agent;

/// <summary>
/// The EMF metrics of the Bedrock path, one value each per agent run through the request's <c>IMetrics</c>. Tokens are
/// two metrics rather than one with a direction dimension because EksOps.Lambda's dimensions apply to every metric of
/// an invocation (the tool metrics' <c>Tool</c> dimension included).
/// </summary>
public static class AgentMetricNames
{
    /// <summary><c>AgentInvocations</c> (Count, 1 per agent run, whatever its end).</summary>
    public const string Invocations = "AgentInvocations";

    /// <summary><c>AgentLatency</c> (Milliseconds): the wall time of the run, every InvokeAgent call and tool call included.</summary>
    public const string Latency = "AgentLatency";

    /// <summary><c>AgentInputTokens</c> (Count): the prompt tokens the traces reported, summed over the run.</summary>
    public const string InputTokens = "AgentInputTokens";

    /// <summary><c>AgentOutputTokens</c> (Count): the completion tokens the traces reported, summed over the run.</summary>
    public const string OutputTokens = "AgentOutputTokens";

    /// <summary><c>AgentFallbacks</c> (Count, 1 or 0): 1 when the run's answer was not used (failed, invalid), so its average is the fallback rate.</summary>
    public const string Fallbacks = "AgentFallbacks";
}
