using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Tools.Internal;

/// <summary>How this library writes JSON: through <see cref="Utf8JsonWriter"/> (no reflection), relaxed escaping (results go to models, not HTML).</summary>
internal static class ToolJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonWriterOptions Compact = new() { Encoder = Encoder, SkipValidation = false };

    private static readonly JsonWriterOptions Indented = new() { Encoder = Encoder, Indented = true, IndentSize = 2, NewLine = "\n" };

    public static byte[] ToUtf8(JsonNode? node, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Serialize(JsonNode? node, bool indented = false) => System.Text.Encoding.UTF8.GetString(ToUtf8(node, indented));

    /// <summary>A detached <see cref="JsonElement"/> with the node's content (for JsonSchema.Net, which evaluates elements).</summary>
    public static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(ToUtf8(node));
        return document.RootElement.Clone();
    }

    /// <summary>Parses JSON text, rejecting duplicate property names.</summary>
    public static JsonNode? Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });

    /// <summary>The number as the most exact JSON value: a long when integral, else a double.</summary>
    public static JsonValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9.0e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    /// <summary>JSON text of a string value the way the compact writer would write it (for exact size accounting).</summary>
    public static int EncodedLength(string value) => JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes.Length + 2;

    public static JsonArray StringArray(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (string value in values)
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }

        return array;
    }
}
