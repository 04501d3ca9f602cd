using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.IncidentStore;

/// <summary>Compact JSON text through <see cref="Utf8JsonWriter"/> (no reflection), with relaxed escaping so that stored text stays small.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static int Utf8Length(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }

    /// <summary>Parses text written by <see cref="Write"/> back into an object.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static JsonObject ReadObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new JsonException("The stored JSON is not an object.");
}
