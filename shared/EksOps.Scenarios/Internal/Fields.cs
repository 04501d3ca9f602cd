using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.Scenarios.Internal;

/// <summary>
/// Typed, strict reads from one YAML file converted to JSON: every problem is reported with the file, the path,
/// the line and column, and what was expected versus found. A read that fails returns <see langword="null"/>.
/// </summary>
internal sealed class Fields(string file, SourceMap map, ErrorList errors)
{
    public string File => file;

    public SourceMap Map => map;

    public void Error(string path, Position? position, string problem) => errors.Add(file, path, position, problem);

    /// <summary>Reports every key of <paramref name="obj"/> that is not one of <paramref name="allowed"/>.</summary>
    public void OnlyKeys(JsonObject obj, string path, IReadOnlyList<string> allowed)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(JsonPaths.Child(path, name), map.OfKey(obj, name),
                    "expected one of the keys " + string.Join(", ", allowed) + " but found the unknown key " + Texts.Quote(name));
            }
        }
    }

    /// <summary>Gets a member; reports it missing when it is required and absent.</summary>
    public bool TryGet(JsonObject obj, string path, string key, string? requiredAs, out JsonNode? node)
    {
        if (obj.TryGetPropertyValue(key, out node))
        {
            return true;
        }

        if (requiredAs is not null)
        {
            Error(JsonPaths.Child(path, key), map.Of(obj), "expected " + requiredAs + " but the key is missing");
        }

        return false;
    }

    /// <summary>Reports a member's value as not what was expected, unless its conversion already failed (and was reported).</summary>
    public void Unexpected(JsonObject obj, string path, string key, string expected, JsonNode? found)
    {
        if (!map.IsFailed(obj, key))
        {
            Error(JsonPaths.Child(path, key), map.OfMember(obj, key), "expected " + expected + " but found " + Texts.Describe(found, map));
        }
    }

    /// <summary>Reports an item as not what was expected, unless its conversion already failed (and was reported).</summary>
    public void UnexpectedItem(JsonArray array, int index, string path, string expected, string found)
    {
        if (!map.IsFailed(array, index))
        {
            Error(path, map.OfItem(array, index), "expected " + expected + " but found " + found);
        }
    }

    /// <summary>
    /// A string as written: any non-null scalar's text (a plain <c>123456789012</c> reads as that text), non-empty,
    /// and matching <paramref name="pattern"/> when one is given.
    /// </summary>
    public string? String(JsonObject obj, string path, string key, bool required, string expected = "a non-empty string", Regex? pattern = null)
    {
        if (!TryGet(obj, path, key, required ? expected : null, out var node))
        {
            return null;
        }

        string? text = node is JsonValue ? map.TextOf(node) ?? node.ToString() : null;
        if (string.IsNullOrEmpty(text) || (pattern is not null && !pattern.IsMatch(text)))
        {
            Unexpected(obj, path, key, expected, node);
            return null;
        }

        return text;
    }

    /// <summary>Text of any kind (possibly empty), for inline logs.</summary>
    public string? Text(JsonObject obj, string path, string key)
    {
        if (!TryGet(obj, path, key, null, out var node))
        {
            return null;
        }

        if (node is JsonValue)
        {
            return map.TextOf(node) ?? node.ToString();
        }

        Unexpected(obj, path, key, "text (a string, for example a `|` block)", node);
        return null;
    }

    public bool? Bool(JsonObject obj, string path, string key, bool required)
    {
        const string Expected = "true or false";
        if (!TryGet(obj, path, key, required ? Expected : null, out var node))
        {
            return null;
        }

        var kind = node?.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return kind == JsonValueKind.True;
        }

        Unexpected(obj, path, key, Expected, node);
        return null;
    }

    public long? Integer(JsonObject obj, string path, string key, bool required, string expected)
    {
        if (!TryGet(obj, path, key, required ? expected : null, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue(out long integer))
        {
            return integer;
        }

        Unexpected(obj, path, key, expected, node);
        return null;
    }

    public JsonObject? Mapping(JsonObject obj, string path, string key, bool required, string expected)
    {
        if (!TryGet(obj, path, key, required ? expected : null, out var node))
        {
            return null;
        }

        if (node is JsonObject mapping)
        {
            return mapping;
        }

        Unexpected(obj, path, key, expected, node);
        return null;
    }

    public JsonArray? Sequence(JsonObject obj, string path, string key, bool required, string expected)
    {
        if (!TryGet(obj, path, key, required ? expected : null, out var node))
        {
            return null;
        }

        if (node is JsonArray sequence)
        {
            return sequence;
        }

        Unexpected(obj, path, key, expected, node);
        return null;
    }

    /// <summary>A number (integer or float) as a finite double.</summary>
    public static bool TryGetNumber(JsonNode? node, out double number)
    {
        number = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out double d))
        {
            number = d;
        }
        else if (value.TryGetValue(out long l))
        {
            number = l;
        }
        else if (value.TryGetValue(out ulong u))
        {
            number = u;
        }
        else
        {
            return false;
        }

        return double.IsFinite(number);
    }
}
