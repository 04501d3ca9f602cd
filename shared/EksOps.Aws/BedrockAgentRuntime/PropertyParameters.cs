namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The properties of one media type of an API request body.</summary>
public sealed record PropertyParameters
{
    /// <summary>The properties the agent elicited.</summary>
    public IReadOnlyList<ActionParameter> Properties { get; init => field = value ?? []; } = [];
}
