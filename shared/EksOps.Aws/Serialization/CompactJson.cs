using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Aws.Serialization;

/// <summary>
/// Compact JSON text through <see cref="Utf8JsonWriter"/> (no reflection), with relaxed escaping, for JSON that goes
/// into AWS as a string: an EventBridge detail, a DynamoDB attribute. Both count UTF-8 bytes against a limit, so
/// escaping <c>&lt;</c> or non-ASCII letters as <c>\uXXXX</c> would only waste them.
/// </summary>
public static class CompactJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node as compact JSON text.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The text.</returns>
    public static string Write(JsonNode node) => Encoding.UTF8.GetString(Utf8(node).WrittenSpan);

    /// <summary>How many UTF-8 bytes <see cref="Write"/> produces for the node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The byte count.</returns>
    public static int Utf8Length(JsonNode node) => Utf8(node).WrittenCount;

    /// <summary>Parses text written by <see cref="Write"/> back into an object.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The object.</returns>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static JsonObject ReadObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new JsonException("The stored JSON is not an object.");

    private static ArrayBufferWriter<byte> Utf8(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            node.WriteTo(writer);
        }

        return buffer;
    }
}
