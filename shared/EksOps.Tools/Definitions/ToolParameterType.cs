// CA1720: String, Integer, Number, Boolean and Object are JSON Schema's own type names, which is what they mean here.
#pragma warning disable CA1720

namespace EksOps.Tools;

/// <summary>The JSON type of a tool parameter. Every face maps these onto what it supports (see the library README).</summary>
public enum ToolParameterType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON integer (a number without a fraction).</summary>
    Integer,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A JSON array of strings.</summary>
    StringArray,

    /// <summary>
    /// A JSON object: with declared <see cref="ToolParameter.Properties"/> (no others allowed), a map whose values all have
    /// <see cref="ToolParameter.ValueType"/>, or free-form when neither is set. Bedrock function details have no object
    /// type, so there it is a string holding JSON or <c>{key=value, …}</c>.
    /// </summary>
    Object,
}
