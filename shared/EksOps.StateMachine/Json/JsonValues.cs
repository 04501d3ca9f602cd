using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.StateMachine.Json;

/// <summary>
/// The JSON data model of the interpreter: <see cref="JsonNode"/> trees where a C# <see langword="null"/> is JSON
/// <c>null</c>. Every number the interpreter creates is backed by a <see cref="JsonElement"/> (as parsed numbers are),
/// so reading a number works the same whichever way it was made.
/// </summary>
internal static class JsonValues
{
    /// <summary>Compact output without HTML-escaping: what Step Functions (Jackson) writes, so strings such as <c>&lt;</c> and non-ASCII text survive <c>States.JsonToString</c> unchanged.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    /// <summary>The JSON kind of a node, <see cref="JsonValueKind.Null"/> for <see langword="null"/>.</summary>
    public static JsonValueKind Kind(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    /// <summary>Parses JSON text; duplicate member names are an error, as they are in Step Functions.</summary>
    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: DocumentOptions);

    /// <summary>Parses JSON text, or returns false (never throws) when it is not one JSON value.</summary>
    public static bool TryParse(string json, out JsonNode? node)
    {
        try
        {
            node = Parse(json);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    /// <summary>Compact JSON text of a node (<c>null</c> for <see langword="null"/>).</summary>
    public static string ToJson(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
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

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>How many UTF-8 bytes the compact JSON text of a node has (the 256 KiB payload limit counts these).</summary>
    public static int Utf8Size(JsonNode? node) => Encoding.UTF8.GetByteCount(ToJson(node));

    /// <summary>A deep copy, so that writing into a result never changes the value it came from.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>A JSON string.</summary>
    public static JsonNode String(string value) => JsonValue.Create(value);

    /// <summary>A JSON boolean.</summary>
    public static JsonNode Boolean(bool value) => JsonValue.Create(value);

    /// <summary>A JSON integer.</summary>
    public static JsonNode Number(long value) => NumberFromText(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A JSON number; whole values are written without a fraction.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite (JSON has no such numbers).</exception>
    public static JsonNode Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers are finite.");
        }

        return NumberFromText(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>The string value of a node, if it is a JSON string.</summary>
    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String && scalar.TryGetValue(out string? text))
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The value of a node as a double, if it is a JSON number.</summary>
    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number && scalar.TryGetValue(out value) && double.IsFinite(value);
    }

    /// <summary>The value of a node as a whole number, if it is a JSON number without a fraction or exponent that fits 64 bits.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number && scalar.TryGetValue(out value);
    }

    /// <summary>The value of a node, if it is <c>true</c> or <c>false</c>.</summary>
    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        switch (Kind(node))
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// Structural equality where numbers compare by value (<c>1</c> equals <c>1.0</c>) and object member order does not
    /// matter.
    /// </summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        var kind = Kind(left);
        var otherKind = Kind(right);
        if (kind != otherKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                TryGetString(left, out var leftText);
                TryGetString(right, out var rightText);
                return string.Equals(leftText, rightText, StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(left!, right!);
            case JsonValueKind.Array:
                var leftArray = left!.AsArray();
                var rightArray = right!.AsArray();
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!DeepEquals(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var leftObject = left!.AsObject();
                var rightObject = right!.AsObject();
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(name, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A short description of a value's type for error messages (<c>string</c>, <c>number</c>, …).</summary>
    public static string TypeName(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static JsonValue NumberFromText(string text) => JsonValue.Create(JsonElement.Parse(text))!;

    private static bool NumbersEqual(JsonNode left, JsonNode right)
    {
        // Decimal first, so that 0.1 + 0.2 style noise and large integers compare exactly; double as the fallback for
        // exponents decimal cannot hold.
        if (left.AsValue().TryGetValue(out decimal leftDecimal) && right.AsValue().TryGetValue(out decimal rightDecimal))
        {
            return leftDecimal == rightDecimal;
        }

        return TryGetNumber(left, out var leftDouble) && TryGetNumber(right, out var rightDouble) && leftDouble.Equals(rightDouble);
    }
}
