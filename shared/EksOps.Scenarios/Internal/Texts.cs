using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace EksOps.Scenarios.Internal;

/// <summary>Renders found values for error messages: <c>"text"</c>, <c>the number 5</c>, <c>true</c>, <c>null</c>, <c>a mapping</c>, <c>a sequence</c>.</summary>
internal static class Texts
{
    private const int MaxQuotedLength = 80;

    public static string Quote(string text)
    {
        string shown = text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
        return "\"" + shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
    }

    public static string Describe(JsonNode? node, SourceMap map)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "a mapping";
            case JsonArray:
                return "a sequence";
        }

        string? text = map.TextOf(node);
        return node.GetValueKind() switch
        {
            JsonValueKind.String => Quote(node.GetValue<string>()),
            JsonValueKind.Number => "the number " + (text ?? node.ToJsonString()),
            JsonValueKind.True => text is null or "true" ? "true" : "the boolean " + text + " (true)",
            JsonValueKind.False => text is null or "false" ? "false" : "the boolean " + text + " (false)",
            _ => "null",
        };
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Quote(scalar.Value ?? string.Empty),
        YamlSequenceNode => "a sequence",
        _ => "a mapping",
    };

    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
