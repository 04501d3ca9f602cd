namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>How the final response is streamed (needs <c>bedrock:InvokeModelWithResponseStream</c>).</summary>
public sealed record StreamingConfigurations
{
    /// <summary>Stream the final response as several <c>chunk</c> events. Service default false.</summary>
    public bool? StreamFinalResponse { get; init; }

    /// <summary>How many characters between guardrail checks of the streamed response (≥ 1). Service default 50.</summary>
    public int? ApplyGuardrailInterval { get; init; }
}
