using System.Text.Json;

namespace EksOps.Lambda.Testing;

/// <summary>The standard fields of a Lambda error document, read leniently: a body that is not a JSON object yields none.</summary>
internal sealed record ErrorFields(string? ErrorType, string? ErrorMessage, IReadOnlyList<string> StackTrace, JsonElement? Document)
{
    public static readonly ErrorFields None = new(null, null, [], null);

    public static ErrorFields Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return None;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!JsonElement.TryParseValue(ref reader, out var parsed) || parsed is not { ValueKind: JsonValueKind.Object } root)
            {
                return None;
            }

            var stack = new List<string>();
            if (root.TryGetProperty("stackTrace", out var frames) && frames.ValueKind == JsonValueKind.Array)
            {
                foreach (var frame in frames.EnumerateArray())
                {
                    stack.Add(frame.ValueKind == JsonValueKind.String ? frame.GetString()! : frame.GetRawText());
                }
            }

            return new ErrorFields(String(root, "errorType"), String(root, "errorMessage"), stack, root);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
