namespace EksOps.Tools;

/// <summary>
/// Bedrock agent action-group limits the generated schemas respect (bedrock-agent API model and user guide; the
/// parameter count is the <c>parameters-per-function</c> quota, adjustable on request but assumed at its default).
/// </summary>
public static class BedrockLimits
{
    /// <summary>Functions (or API operations) per action group.</summary>
    public const int MaxFunctionsPerActionGroup = 11;

    /// <summary>Parameters per function (function details), the default quota.</summary>
    public const int MaxParametersPerFunction = 5;

    /// <summary>Characters in a function description.</summary>
    public const int MaxFunctionDescriptionLength = 1200;

    /// <summary>Characters in a parameter description.</summary>
    public const int MaxParameterDescriptionLength = 500;

    /// <summary>Characters in an action group description.</summary>
    public const int MaxActionGroupDescriptionLength = 200;

    /// <summary>The pattern of action-group, function and parameter names.</summary>
    public const string NamePattern = "^([0-9a-zA-Z][_-]?){1,100}$";

    /// <summary>The parameter types function details accept (no <c>object</c>).</summary>
    public static IReadOnlyList<string> ParameterTypes { get; } = Array.AsReadOnly(["string", "number", "integer", "boolean", "array"]);

    /// <summary>The longest tool name Anthropic models accept; Bedrock forms it as <c>httpVerb__actionGroupName__apiName</c> for API schemas.</summary>
    public const int MaxModelToolNameLength = 64;
}
