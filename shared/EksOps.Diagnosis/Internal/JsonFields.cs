using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Diagnosis.Internal;

/// <summary>Null-tolerant reads of Kubernetes and tool JSON (JsonNode only: no reflection-based serialization).</summary>
internal static class JsonFields
{
    /// <summary>Readable text for humans and models: no escaping of quotes or non-ASCII beyond what JSON needs.</summary>
    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Str(JsonNode? node, params string[] path)
    {
        var current = Walk(node, path);
        return current is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public static long? Long(JsonNode? node, params string[] path)
    {
        var current = Walk(node, path);
        if (current is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var number))
        {
            return number;
        }

        if (value.TryGetValue<double>(out var real))
        {
            return (long)real;
        }

        return value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static double? Double(JsonNode? node, params string[] path)
    {
        var current = Walk(node, path);
        if (current is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var real))
        {
            return real;
        }

        return value.TryGetValue<long>(out var number) ? number : null;
    }

    public static bool? Bool(JsonNode? node, params string[] path) =>
        Walk(node, path) is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static DateTimeOffset? Time(JsonNode? node, params string[] path) => ParseTime(Str(node, path));

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    public static JsonArray Array(JsonNode? node, params string[] path) => Walk(node, path) as JsonArray ?? [];

    public static JsonObject? Object(JsonNode? node, params string[] path) => Walk(node, path) as JsonObject;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params string[] path) => Array(node, path).OfType<JsonObject>();

    /// <summary>A string-to-string map (labels, selectors, dimensions); empty when absent.</summary>
    public static Dictionary<string, string> Map(JsonNode? node, params string[] path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Walk(node, path) is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    map[key] = text;
                }
            }
        }

        return map;
    }

    public static string Compact(JsonNode node) => node.ToJsonString(CompactOptions);

    private static JsonNode? Walk(JsonNode? node, string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        return current;
    }
}
