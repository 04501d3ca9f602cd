using System.Globalization;
using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>Typed reads of request members; a member of the wrong JSON type is a <c>SerializationException</c>, as Coral answers.</summary>
internal static class JsonInput
{
    public static bool Has(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static string? String(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return null;
        }

        var value = obj.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(name, "a string", value);
    }

    public static int? Int(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return null;
        }

        var value = obj.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Wrong(name, "an integer", value);
    }

    public static long? Long(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return null;
        }

        var value = obj.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Wrong(name, "an integer", value);
    }

    public static bool? Bool(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return null;
        }

        var value = obj.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, "a boolean", value),
        };
    }

    public static JsonElement? Object(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return null;
        }

        var value = obj.GetProperty(name);
        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(name, "an object", value);
    }

    public static IReadOnlyList<JsonElement> Array(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return [];
        }

        var value = obj.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw Wrong(name, "a list", value);
    }

    public static IReadOnlyList<string> Strings(JsonElement obj, string name) =>
        [.. Array(obj, name).Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Wrong(name, "a list of strings", item))];

    /// <summary>An AWS JSON timestamp: epoch seconds (fractions allowed), or a string holding them or an ISO 8601 date.</summary>
    public static DateTimeOffset? EpochSeconds(JsonElement obj, string name)
    {
        if (!Has(obj, name))
        {
            return null;
        }

        var value = obj.GetProperty(name);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var seconds))
        {
            return FromSeconds(seconds);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return FromSeconds(parsed);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                return date;
            }
        }

        throw Wrong(name, "a timestamp", value);
    }

    private static DateTimeOffset FromSeconds(decimal seconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw Faults.Serialization($"The timestamp {seconds.ToString(CultureInfo.InvariantCulture)} is out of range.");
        }
    }

    private static AwsFault Wrong(string name, string expected, JsonElement found) =>
        Faults.Serialization($"Expected {expected} for '{name}' but found {found.ValueKind.ToString().ToUpperInvariant()}.");
}
