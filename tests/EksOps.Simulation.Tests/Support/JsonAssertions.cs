using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Tests;

/// <summary>Reads for assertions over JSON objects.</summary>
internal static class JsonAssertions
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node switch
            {
                JsonObject obj => obj[name],
                JsonArray array when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Int(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value.TryGetValue(out long whole) ? whole : value.TryGetValue(out int small) ? small : null
            : null;

    public static bool? Bool(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>The items of the array at <paramref name="path"/>; empty when there is none.</summary>
    public static List<JsonNode> Items(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array ? [.. array.OfType<JsonNode>()] : [];

    /// <summary>The strings of the array at <paramref name="path"/>.</summary>
    public static List<string?> Strings(this JsonNode? node, params string[] path) => [.. node.Items(path).Select(n => n.Str())];

    public static List<string?> Names(this JsonNode? list) =>
        list.At("items") is JsonArray items ? [.. items.Select(i => i.Str("metadata", "name"))] : [];
}
