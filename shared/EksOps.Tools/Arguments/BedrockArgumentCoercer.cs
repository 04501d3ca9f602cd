using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// Turns Bedrock agent parameters — where every value arrives as a string — into JSON of the declared types, so
/// validation and the tool body see the same arguments as from any other face. Integers, numbers and booleans are
/// parsed; arrays may come as JSON (<c>["a","b"]</c>), as <c>[a, b]</c> or as <c>a, b</c>; objects as JSON or as
/// <c>{key=value, …}</c>; the folded <c>options</c> parameter of function-details action groups is unfolded. A value
/// that cannot be converted is kept as the string it was, so validation reports it with its path.
/// </summary>
public static class BedrockArgumentCoercer
{
    /// <summary>The name of the parameter that carries a function's folded (advanced) parameters in Bedrock function details.</summary>
    public const string OptionsParameter = "options";

    /// <summary>Converts Bedrock's <c>parameters</c> (or OpenAPI <c>requestBody</c> properties) to a JSON argument object.</summary>
    /// <param name="definition">The tool being called.</param>
    /// <param name="parameters">The (name, value) pairs as Bedrock sent them; the type Bedrock reports is ignored in favour of the definition's.</param>
    /// <returns>The arguments, ready for validation.</returns>
    public static JsonObject Coerce(ToolDefinition definition, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(parameters);
        var result = new JsonObject();
        JsonObject? folded = null;
        foreach (var (name, value) in parameters)
        {
            if (name is null)
            {
                continue;
            }

            var parameter = definition.FindParameter(name);
            if (parameter is null && name == OptionsParameter)
            {
                folded = ParseObject(value ?? string.Empty);
                if (folded is null && !IsAbsent(value))
                {
                    result[OptionsParameter] = value;
                }

                continue;
            }

            var coerced = parameter is null ? JsonValue.Create(value) : CoerceValue(parameter, value);
            if (coerced is not null)
            {
                result[name] = coerced;
            }
        }

        if (folded is not null)
        {
            foreach (var (name, value) in folded)
            {
                if (result.ContainsKey(name))
                {
                    continue; // a parameter given directly wins over the same one inside options
                }

                var parameter = definition.FindParameter(name);
                var coerced = parameter is null ? value?.DeepClone() : CoerceNode(parameter.Type, parameter, value);
                if (coerced is not null)
                {
                    result[name] = coerced;
                }
            }
        }

        return result;
    }

    /// <summary>Converts one string value to the parameter's declared type.</summary>
    /// <param name="parameter">The declared parameter.</param>
    /// <param name="value">The value as Bedrock sent it.</param>
    /// <returns>The JSON value; the original string when it cannot be converted; <see langword="null"/> for an empty or <c>null</c> value of a non-string type (treated as not given).</returns>
    public static JsonNode? CoerceValue(ToolParameter parameter, string? value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.Type != ToolParameterType.String && IsAbsent(value))
        {
            return null;
        }

        return Scalar(parameter.Type, parameter, value ?? string.Empty);
    }

    private static JsonNode? Scalar(ToolParameterType type, ToolParameter? parameter, string value)
    {
        string text = value.Trim();
        switch (type)
        {
            case ToolParameterType.String:
                return JsonValue.Create(value);
            case ToolParameterType.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    return JsonValue.Create(integer);
                }

                // "5.0" is 5; "5.5" becomes the number 5.5, which validation then reports as not an integer.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double whole) && double.IsFinite(whole))
                {
                    return ToolJson.Number(whole);
                }

                return JsonValue.Create(value);
            case ToolParameterType.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
                    ? ToolJson.Number(number)
                    : JsonValue.Create(value);
            case ToolParameterType.Boolean:
                return text.ToUpperInvariant() switch
                {
                    "TRUE" or "YES" or "1" => JsonValue.Create(true),
                    "FALSE" or "NO" or "0" => JsonValue.Create(false),
                    _ => JsonValue.Create(value),
                };
            case ToolParameterType.StringArray:
                return ParseList(text) is { } items ? ToolJson.StringArray(items) : JsonValue.Create(value);
            case ToolParameterType.Object:
                return ParseObject(text) is JsonObject obj ? Shape(obj, parameter) : JsonValue.Create(value);
            default:
                return JsonValue.Create(value);
        }
    }

    /// <summary>Coerces a node that came out of an object (a JSON value or a string from <c>{k=v}</c>) to a declared type.</summary>
    private static JsonNode? CoerceNode(ToolParameterType type, ToolParameter? parameter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                return Scalar(type, parameter, scalar.GetValue<string>());
            case JsonValue scalar when type == ToolParameterType.String:
                return JsonValue.Create(RawText(scalar));
            case JsonArray array when type == ToolParameterType.StringArray:
                return ToolJson.StringArray(array.Select(item => item is JsonValue v ? (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : RawText(v)) : ToolJson.Serialize(item)));
            case JsonObject obj when type == ToolParameterType.Object:
                return Shape(obj, parameter);
            default:
                return node.DeepClone();
        }
    }

    /// <summary>Applies declared property types (or the map value type) to an object's values.</summary>
    private static JsonObject Shape(JsonObject obj, ToolParameter? parameter)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var declared = parameter?.Properties?.FirstOrDefault(p => p.Name == key);
            if (declared is not null)
            {
                result[key] = CoerceNode(declared.Type, declared, value);
            }
            else if (parameter?.ValueType is ToolParameterType valueType)
            {
                result[key] = CoerceNode(valueType, null, value);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static List<string>? ParseList(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        if (text[0] == '[')
        {
            try
            {
                if (JsonNode.Parse(text) is JsonArray array)
                {
                    return [.. array.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : ToolJson.Serialize(item))];
                }
            }
            catch (JsonException)
            {
                // Not JSON: Bedrock's [a, b] form, handled below.
            }

            if (text[^1] != ']')
            {
                return null;
            }

            text = text[1..^1];
        }

        return text.Trim().Length == 0 ? [] : [.. SplitTopLevel(text, ',').Select(Unquote)];
    }

    /// <summary>Reads <c>{"k": 1}</c> (JSON) or <c>{k=v, k2=[a, b], k3={x=y}}</c> (Bedrock's Java-map form), braces optional.</summary>
    private static JsonObject? ParseObject(string text)
    {
        text = text.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject json)
                {
                    return json;
                }
            }
            catch (JsonException)
            {
                // Not JSON: the {k=v} form, handled below.
            }

            if (!text.EndsWith('}'))
            {
                return null;
            }

            text = text[1..^1];
        }

        var result = new JsonObject();
        if (text.Trim().Length == 0)
        {
            return result;
        }

        foreach (string entry in SplitTopLevel(text, ','))
        {
            int separator = IndexOfTopLevel(entry, '=');
            if (separator < 0)
            {
                separator = IndexOfTopLevel(entry, ':');
            }

            if (separator <= 0)
            {
                return null;
            }

            string key = Unquote(entry[..separator]);
            string raw = entry[(separator + 1)..].Trim();
            result[key] = raw switch
            {
                ['{', .., '}'] => (JsonNode?)ParseObject(raw) ?? JsonValue.Create(raw),
                ['[', .., ']'] => ParseLenientArray(raw),
                _ => JsonValue.Create(Unquote(raw)),
            };
        }

        return result;
    }

    private static JsonArray ParseLenientArray(string raw)
    {
        try
        {
            if (JsonNode.Parse(raw) is JsonArray json)
            {
                return json;
            }
        }
        catch (JsonException)
        {
            // The [a, {k=v}] form, handled below.
        }

        var array = new JsonArray();
        string inner = raw[1..^1];
        if (inner.Trim().Length == 0)
        {
            return array;
        }

        foreach (string item in SplitTopLevel(inner, ','))
        {
            string trimmed = item.Trim();
            array.Add(trimmed.StartsWith('{') ? (JsonNode?)ParseObject(trimmed) ?? JsonValue.Create(trimmed) : JsonValue.Create(Unquote(trimmed)));
        }

        return array;
    }

    private static IEnumerable<string> SplitTopLevel(string text, char separator)
    {
        int depth = 0;
        char quote = '\0';
        var current = new StringBuilder();
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        yield return current.ToString();
    }

    private static int IndexOfTopLevel(string text, char target)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
            else if (c == target && depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unquote(string text)
    {
        text = text.Trim();
        return text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0] ? text[1..^1] : text;
    }

    private static bool IsAbsent(string? value) =>
        value is null || value.Trim().Length == 0 || value.Trim() is "null" or "None" or "undefined";

    private static string RawText(JsonValue value) => ToolJson.Serialize(value);
}
