using System.Text.Json.Nodes;

// CA1720: String, Integer, Number, Boolean and Object are JSON Schema's own type names, which is what they mean here.
#pragma warning disable CA1720

namespace EksOps.Tools;

/// <summary>
/// One parameter of a tool: its name, JSON type, model-facing description and constraints. Create it with a factory
/// (<see cref="String"/>, <see cref="Integer"/>, …) and refine it with <c>with { … }</c>:
/// <code>ToolParameter.Integer("tailLines", "Lines from the end of the log.") with { Minimum = 1, Maximum = 5000, Default = 200 }</code>
/// </summary>
public sealed record ToolParameter
{
    /// <summary>The name, camelCase (<c>^[a-z][a-zA-Z0-9]{0,63}$</c>), as models and every face see it.</summary>
    public required string Name { get; init; }

    /// <summary>The JSON type.</summary>
    public required ToolParameterType Type { get; init; }

    /// <summary>What the parameter means, written for a model: what to pass, the form, an example. At most 500 characters.</summary>
    public required string Description { get; init; }

    /// <summary>Whether the caller must give it.</summary>
    public bool Required { get; init; }

    /// <summary>The allowed values of a string (or of each item of a string array).</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>The smallest allowed value of an integer or number.</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest allowed value of an integer or number.</summary>
    public double? Maximum { get; init; }

    /// <summary>The shortest allowed string (or string item).</summary>
    public int? MinLength { get; init; }

    /// <summary>The longest allowed string (or string item).</summary>
    public int? MaxLength { get; init; }

    /// <summary>A regular expression (ECMA 262) a string (or string item) must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>A JSON Schema format a string must have; <c>date-time</c> (RFC 3339) is the one the catalogue uses and validation enforces.</summary>
    public string? Format { get; init; }

    /// <summary>The value used when the caller omits an optional parameter; tool bodies see it as if it had been passed.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>The most items a string array may have.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The declared properties of an object; when set, no other property is allowed.</summary>
    public IReadOnlyList<ToolParameter>? Properties { get; init; }

    /// <summary>The type of every value of a map-like object (for example <see cref="ToolParameterType.String"/> for CloudWatch dimensions).</summary>
    public ToolParameterType? ValueType { get; init; }

    /// <summary>
    /// Whether a face that limits the number of parameters (Bedrock function details: 5) may fold this one into the
    /// <c>options</c> parameter. Required parameters are never folded.
    /// </summary>
    public bool Advanced { get; init; }

    /// <summary>A string parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">The model-facing description.</param>
    /// <returns>The parameter.</returns>
    public static ToolParameter String(string name, string description) => new() { Name = name, Type = ToolParameterType.String, Description = description };

    /// <summary>An integer parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">The model-facing description.</param>
    /// <returns>The parameter.</returns>
    public static ToolParameter Integer(string name, string description) => new() { Name = name, Type = ToolParameterType.Integer, Description = description };

    /// <summary>A number parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">The model-facing description.</param>
    /// <returns>The parameter.</returns>
    public static ToolParameter Number(string name, string description) => new() { Name = name, Type = ToolParameterType.Number, Description = description };

    /// <summary>A boolean parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">The model-facing description.</param>
    /// <returns>The parameter.</returns>
    public static ToolParameter Boolean(string name, string description) => new() { Name = name, Type = ToolParameterType.Boolean, Description = description };

    /// <summary>An array-of-strings parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">The model-facing description.</param>
    /// <returns>The parameter.</returns>
    public static ToolParameter StringArray(string name, string description) => new() { Name = name, Type = ToolParameterType.StringArray, Description = description };

    /// <summary>An object parameter (free-form until <see cref="Properties"/> or <see cref="ValueType"/> is set).</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">The model-facing description.</param>
    /// <returns>The parameter.</returns>
    public static ToolParameter Object(string name, string description) => new() { Name = name, Type = ToolParameterType.Object, Description = description };
}
