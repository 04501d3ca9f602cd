using System.Text.Json;

namespace EksOps.Tools.Faces.Internal;

/// <summary>Reads Bedrock's <c>[{name, type, value}]</c> lists, whose values are strings whatever the type says.</summary>
internal static class ParameterListReader
{
    /// <summary>
    /// Appends the (name, value) pairs of <paramref name="list"/> to <paramref name="into"/>; returns the first problem,
    /// with its JSON path, or <see langword="null"/>. Absent and <c>null</c> lists are empty.
    /// </summary>
    public static string? Read(JsonElement list, string path, List<KeyValuePair<string, string>> into)
    {
        if (list.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return $"{path}: expected an array of {{name, type, value}} but found {Kind(list)}";
        }

        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            string at = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{at}: expected {{name, type, value}} but found {Kind(item)}";
            }

            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } parameterName)
            {
                return $"{at}.name: expected the parameter's name";
            }

            if (!item.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue; // a parameter without a value was not given
            }

            // Bedrock sends strings; a typed value from another client keeps its JSON text, which the coercer parses.
            into.Add(new(parameterName, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
        }

        return null;
    }

    /// <summary>A JSON value kind as a message says it.</summary>
    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
