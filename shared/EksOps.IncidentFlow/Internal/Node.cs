using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Diagnosis;

namespace EksOps.IncidentFlow.Internal;

/// <summary>Small JsonNode helpers: typed reads that never throw on a wrong shape, and object references as JSON.</summary>
internal static class Node
{
    public static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var segment in path)
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    public static string? Str(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    public static double? Num(JsonNode? node, params ReadOnlySpan<string> path)
    {
        if (At(node, path) is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        return value.TryGetValue(out double real) ? real
            : value.TryGetValue(out long number) ? number
            : value.TryGetValue(out int small) ? small
            : value.TryGetValue(out decimal exact) ? (double)exact
            : null;
    }

    public static long? Int(JsonNode? node, params ReadOnlySpan<string> path)
    {
        if (At(node, path) is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        // A parsed value converts to any number type; a value created in code converts only to its own type.
        return value.TryGetValue(out long number) ? number
            : value.TryGetValue(out int small) ? small
            : value.TryGetValue(out double real) ? (long)real
            : value.TryGetValue(out decimal exact) ? (long)exact
            : null;
    }

    public static bool? Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public static JsonObject? Obj(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) as JsonObject;

    public static JsonArray Arr(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) as JsonArray ?? [];

    public static DateTimeOffset? Time(JsonNode? node, params ReadOnlySpan<string> path) =>
        Str(node, path) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>A time as the flow writes it: UTC, ISO 8601 with milliseconds.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Ref(ObjectRef reference)
    {
        var json = new JsonObject { ["kind"] = reference.Kind };
        if (reference.Namespace is not null)
        {
            json["namespace"] = reference.Namespace;
        }

        json["name"] = reference.Name;
        return json;
    }

    public static JsonNode? RefOrNull(ObjectRef? reference) => reference is null ? null : Ref(reference);

    public static ObjectRef? ToRef(JsonNode? node) =>
        Str(node, "kind") is { } kind && Str(node, "name") is { } name ? new ObjectRef(kind, Str(node, "namespace"), name) : null;

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static IReadOnlyList<string> StringList(JsonNode? node) =>
        [.. Arr(node).Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>()];

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>A scalar as people read it: a string as it is, anything else as compact JSON, null as <c>(none)</c>.</summary>
    public static string Display(JsonNode? node) => node switch
    {
        null => "(none)",
        JsonValue value when value.TryGetValue(out string? text) => text,
        _ => node.ToJsonString(),
    };

    /// <summary>Drops members whose value is null, so stored entries and events carry only what is known.</summary>
    public static JsonObject WithoutNulls(JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }

        return obj;
    }
}
