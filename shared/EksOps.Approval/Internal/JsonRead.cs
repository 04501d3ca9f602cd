using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Approval.Internal;

/// <summary>Lenient reads of JSON written by other steps: a member of the wrong type reads as absent, never throws.</summary>
internal static class JsonRead
{
    public static string? String(JsonNode? parent, string name) => AsString((parent as JsonObject)?[name]);

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A Kubernetes object reference: a string as is, or <c>{kind, namespace?, name}</c> as <c>Kind/namespace/name</c>.</summary>
    public static string? Subject(JsonNode? parent, string name)
    {
        var node = (parent as JsonObject)?[name];
        if (AsString(node) is { } text)
        {
            return text;
        }

        return String(node, "kind") is { } kind && String(node, "name") is { } objectName
            ? String(node, "namespace") is { } ns ? $"{kind}/{ns}/{objectName}" : $"{kind}/{objectName}"
            : null;
    }

    public static double? Number(JsonNode? parent, string name) =>
        parent is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    public static bool? Boolean(JsonNode? parent, string name) =>
        parent is JsonObject obj && obj[name] is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;

    public static DateTimeOffset? Time(JsonNode? parent, string name) =>
        String(parent, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    /// <summary>
    /// A copy of <paramref name="node"/>, or, when its JSON is longer than <paramref name="maxChars"/>, the start of its
    /// text with a note, so an event stays within EventBridge's 256 KB entry limit.
    /// </summary>
    public static JsonNode? Bounded(JsonNode? node, int maxChars)
    {
        if (node is null)
        {
            return null;
        }

        string json = node.ToJsonString();
        if (json.Length <= maxChars)
        {
            return node.DeepClone();
        }

        string text = node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : json;
        return JsonValue.Create(text[..Math.Min(maxChars, text.Length)] + "… (cut; the whole text is in the incident's plan entry)");
    }
}
