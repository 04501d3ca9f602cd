using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EksOps.Alarms;

/// <summary>
/// Reads typed values from a <see cref="JsonElement"/> by hand (no reflection) and reports problems as
/// <see cref="InvalidAlarmEventException"/>s that name the JSON path. An optional property that is absent or JSON
/// <c>null</c> reads as <see langword="null"/>; a required one that is absent, <c>null</c> or of the wrong kind throws.
/// </summary>
internal static class JsonRead
{
    private const int MaxQuotedLength = 120;

    public static string Child(string parentPath, string name)
    {
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return parentPath + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
            }
        }

        return name.Length == 0 ? parentPath + "['']" : parentPath + "." + name;
    }

    public static string Item(string arrayPath, int index) =>
        arrayPath + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static InvalidAlarmEventException Unexpected(string path, string expected, JsonElement found) =>
        InvalidAlarmEventException.At(path, "expected " + expected + " but found " + Describe(found));

    public static InvalidAlarmEventException Missing(string path, string expected) =>
        InvalidAlarmEventException.At(path, "expected " + expected + " but the property is missing");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString() ?? string.Empty),
        JsonValueKind.Number => "the number " + Truncate(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    public static string Quote(string text) =>
        "\"" + JsonEncodedText.Encode(Truncate(text), JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string Truncate(string text) =>
        text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");

    public static void RequireObject(JsonElement value, string path, string expected = "an object")
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected(path, expected, value);
        }
    }

    /// <summary>Gets a property that is present and not JSON null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static JsonElement RequireProperty(JsonElement obj, string objPath, string name, string expected, out string path)
    {
        path = Child(objPath, name);
        if (!obj.TryGetProperty(name, out var value))
        {
            throw Missing(path, expected);
        }

        return value;
    }

    public static JsonElement RequireObjectProperty(JsonElement obj, string objPath, string name, out string path)
    {
        var value = RequireProperty(obj, objPath, name, "an object", out path);
        RequireObject(value, path);
        return value;
    }

    public static bool TryGetObject(JsonElement obj, string objPath, string name, out JsonElement value, out string path)
    {
        path = Child(objPath, name);
        if (!TryGet(obj, name, out value))
        {
            return false;
        }

        RequireObject(value, path);
        return true;
    }

    public static string RequireString(JsonElement obj, string objPath, string name)
    {
        var value = RequireProperty(obj, objPath, name, "a non-empty string", out string path);
        return NonEmptyString(value, path);
    }

    public static string NonEmptyString(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw Unexpected(path, "a non-empty string", value);
        }

        return text;
    }

    public static string? OptionalString(JsonElement obj, string objPath, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Unexpected(Child(objPath, name), "a string", value);
        }

        return value.GetString();
    }

    public static int RequireInt32(JsonElement obj, string objPath, string name)
    {
        var value = RequireProperty(obj, objPath, name, "an integer", out string path);
        return Int32(value, path);
    }

    public static int? OptionalInt32(JsonElement obj, string objPath, string name) =>
        TryGet(obj, name, out var value) ? Int32(value, Child(objPath, name)) : null;

    private static int Int32(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int result))
        {
            throw Unexpected(path, "an integer", value);
        }

        return result;
    }

    public static double? OptionalDouble(JsonElement obj, string objPath, string name) =>
        TryGet(obj, name, out var value) ? Double(value, Child(objPath, name)) : null;

    private static double Double(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double result) || !double.IsFinite(result))
        {
            throw Unexpected(path, "a number", value);
        }

        return result;
    }

    public static bool? OptionalBoolean(JsonElement obj, string objPath, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Unexpected(Child(objPath, name), "true or false", value),
        };
    }

    public static DateTimeOffset RequireTimestamp(JsonElement obj, string objPath, string name)
    {
        var value = RequireProperty(obj, objPath, name, TimestampExpectation, out string path);
        return Timestamp(value, path);
    }

    public static DateTimeOffset? OptionalTimestamp(JsonElement obj, string objPath, string name) =>
        TryGet(obj, name, out var value) ? Timestamp(value, Child(objPath, name)) : null;

    private const string TimestampExpectation = "an ISO-8601 timestamp with an offset, such as \"" + AlarmTimestamps.Example + "\"";

    private static DateTimeOffset Timestamp(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String || !AlarmTimestamps.TryParse(value.GetString()!, out var result))
        {
            throw Unexpected(path, TimestampExpectation, value);
        }

        return result;
    }

    public static AlarmStateValue StateValue(JsonElement obj, string objPath, string name)
    {
        var value = RequireProperty(obj, objPath, name, StateValueExpectation, out string path);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString() switch
            {
                "OK" => AlarmStateValue.Ok,
                "ALARM" => AlarmStateValue.Alarm,
                "INSUFFICIENT_DATA" => AlarmStateValue.InsufficientData,
                _ => throw Unexpected(path, StateValueExpectation, value),
            }
            : throw Unexpected(path, StateValueExpectation, value);
    }

    private const string StateValueExpectation = "one of OK, ALARM, INSUFFICIENT_DATA";

    public static IReadOnlyList<double> OptionalDoubles(JsonElement obj, string objPath, string name)
    {
        if (!TryGetArray(obj, objPath, name, "an array of numbers", out var array, out string path))
        {
            return [];
        }

        var result = new double[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i] = Double(item, Item(path, i));
            i++;
        }

        return [.. result];
    }

    public static IReadOnlyList<T> OptionalObjects<T>(JsonElement obj, string objPath, string name, Func<JsonElement, string, T> read)
    {
        if (!TryGetArray(obj, objPath, name, "an array of objects", out var array, out string path))
        {
            return [];
        }

        var result = new List<T>(array.GetArrayLength());
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            string itemPath = Item(path, i++);
            RequireObject(item, itemPath);
            result.Add(read(item, itemPath));
        }

        return [.. result];
    }

    private static bool TryGetArray(JsonElement obj, string objPath, string name, string expected, out JsonElement array, out string path)
    {
        path = Child(objPath, name);
        if (!TryGet(obj, name, out array))
        {
            return false;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected(path, expected, array);
        }

        return true;
    }
}
