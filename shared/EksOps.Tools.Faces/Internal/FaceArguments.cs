using System.Text.Json.Nodes;

namespace EksOps.Tools.Faces.Internal;

/// <summary>Bedrock's string parameters as typed arguments for the registry.</summary>
internal static class FaceArguments
{
    /// <summary>
    /// Coerces with the tool's definition; for a tool the registry does not serve the strings are kept as they are,
    /// since the registry answers <see cref="ToolOutcome.UnknownTool"/> before it looks at them.
    /// </summary>
    public static JsonObject Coerce(ToolRegistry registry, string toolName, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (registry.TryGetDefinition(toolName, out var definition))
        {
            return BedrockArgumentCoercer.Coerce(definition, parameters);
        }

        var arguments = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            arguments[name] = value;
        }

        return arguments;
    }
}
