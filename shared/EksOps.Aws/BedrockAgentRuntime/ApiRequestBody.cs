namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The request body the agent elicited for an API action: properties per media type.</summary>
public sealed record ApiRequestBody
{
    /// <summary>The content, keyed by media type (e.g. <c>application/json</c>).</summary>
    public IReadOnlyDictionary<string, PropertyParameters> Content { get; init => field = value ?? Empty; } = Empty;

    private static readonly IReadOnlyDictionary<string, PropertyParameters> Empty = new Dictionary<string, PropertyParameters>();
}
