using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Small reads and writes over <see cref="JsonNode"/> trees, the representation every object is kept in.</summary>
internal static class JsonTree
{
    // Quotes as \" rather than \u0022, as Go's encoder writes them; the output stays valid JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node at <paramref name="path"/> (object property names), or null when any step is missing.</summary>
    public static JsonNode? At(this JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The string at <paramref name="path"/>, or null when it is missing or not a string.</summary>
    public static string? Str(this JsonNode? node, params ReadOnlySpan<string> path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The integer at <paramref name="path"/>, or null when it is missing or not an integer.</summary>
    public static long? Int(this JsonNode? node, params ReadOnlySpan<string> path)
    {
        if (node.At(path) is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        // Parsed numbers convert to any CLR type; numbers built in code convert only to their own.
        if (value.TryGetValue(out long whole))
        {
            return whole;
        }

        if (value.TryGetValue(out int small))
        {
            return small;
        }

        return value.TryGetValue(out double real) && real == Math.Floor(real) && Math.Abs(real) < 9e15 ? (long)real : null;
    }

    /// <summary>The boolean at <paramref name="path"/>, or null when it is missing or not a boolean.</summary>
    public static bool? Bool(this JsonNode? node, params ReadOnlySpan<string> path) =>
        node.At(path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValueKind() == JsonValueKind.True
            : null;

    /// <summary>The object at <paramref name="path"/>, or null.</summary>
    public static JsonObject? Obj(this JsonNode? node, params ReadOnlySpan<string> path) => node.At(path) as JsonObject;

    /// <summary>The array at <paramref name="path"/>, or null.</summary>
    public static JsonArray? Arr(this JsonNode? node, params ReadOnlySpan<string> path) => node.At(path) as JsonArray;

    /// <summary>The child object <paramref name="name"/>, created (replacing a non-object) when needed.</summary>
    public static JsonObject Child(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>The string form of a scalar the way Kubernetes prints it in selectors and tables (numbers and booleans as text).</summary>
    public static string? ScalarText(this JsonNode? node) => node switch
    {
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>The string values of an array of strings (other items skipped).</summary>
    public static List<string> Strings(this JsonNode? node)
    {
        var result = new List<string>();
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item.ScalarText() is { } text)
                {
                    result.Add(text);
                }
            }
        }

        return result;
    }

    /// <summary>Adds a node (the non-generic <c>Add</c>, which needs no reflection).</summary>
    public static void Append(this JsonArray array, JsonNode? item) => array.Add(item);

    /// <summary>An array of strings.</summary>
    public static JsonArray StringArray(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Append(JsonValue.Create(value));
        }

        return array;
    }

    /// <summary>A deep copy typed as an object.</summary>
    public static JsonObject CloneObject(this JsonObject obj) => (JsonObject)obj.DeepClone();

    /// <summary>Parses an RFC 3339 timestamp as Kubernetes writes them (<c>Time</c> and <c>MicroTime</c>).</summary>
    public static DateTimeOffset? Timestamp(this JsonNode? node, params ReadOnlySpan<string> path) =>
        node.Str(path) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    /// <summary>A timestamp in the <c>metav1.Time</c> form: RFC 3339, UTC, whole seconds.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A timestamp in RFC 3339 with nanosecond digits, as the kubelet prefixes log lines.</summary>
    public static string FormatNano(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    /// <summary>Serializes a node as compact JSON text.</summary>
    public static string ToText(this JsonNode node) => System.Text.Encoding.UTF8.GetString(node.ToUtf8());

    /// <summary>Serializes a node as compact UTF-8 JSON.</summary>
    public static byte[] ToUtf8(this JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
