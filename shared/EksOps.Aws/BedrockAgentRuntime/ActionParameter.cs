namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// A parameter the agent elicited for an action (the model's <c>FunctionParameter</c>, <c>ApiParameter</c> and
/// <c>Parameter</c>, which share this shape). Every value is a string on the wire, whatever <see cref="Type"/> says;
/// treat it as untrusted input.
/// </summary>
public sealed record ActionParameter
{
    /// <summary>The parameter name.</summary>
    public string? Name { get; init; }

    /// <summary>The declared type, e.g. <c>string</c>, <c>integer</c>, <c>boolean</c>, <c>array</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The value, as a string.</summary>
    public string? Value { get; init; }
}
