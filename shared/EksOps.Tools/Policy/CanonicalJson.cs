using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// One byte sequence per JSON value, so a change has one hash whoever computes it: object keys sorted (ordinal), no
/// whitespace, integers written as integers and other numbers in shortest round-trip form, strings with relaxed
/// escaping. Approval tokens bind to <see cref="Sha256(JsonNode)"/> of the change's patch.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of a value.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ToUtf8(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ToolJson.Encoder }))
        {
            Write(writer, node);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The hash of a value's canonical form: <c>sha256:</c> and 64 lowercase hex digits.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The hash.</returns>
    public static string Sha256(JsonNode? node) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ToUtf8(node)));

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                string raw = ToolJson.Serialize(value);
                if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    writer.WriteNumberValue(integer);
                }
                else
                {
                    double number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (number == Math.Floor(number) && Math.Abs(number) < 9.0e15)
                    {
                        writer.WriteNumberValue((long)number);
                    }
                    else
                    {
                        writer.WriteNumberValue(number);
                    }
                }

                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
