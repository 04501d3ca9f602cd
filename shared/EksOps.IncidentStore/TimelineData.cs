using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using EksOps.Aws.Serialization;

namespace EksOps.IncidentStore;

/// <summary>
/// The bounds every store applies to timeline entries and claim results, so that what works locally also fits a
/// DynamoDB item (at most 400 KB): data larger than the limit is cut, visibly, never refused.
/// </summary>
/// <remarks>
/// <para>
/// Cut data keeps its shape as far as it fits: members are kept in order while they fit; a member that does not fit
/// is cut inside (an object member by member, an array element by element, a string to a prefix ending in
/// <see cref="CutSuffix"/>) or, when too little room is left, dropped. The result then carries a
/// <see cref="TruncationMarker"/> member: <c>{"originalBytes": N, "limitBytes": L, "cut": ["$.a.b", …], "dropped": ["$.c", …]}</c>.
/// </para>
/// </remarks>
public static class TimelineData
{
    /// <summary>The member added to data that was cut.</summary>
    public const string TruncationMarker = "_truncated";

    /// <summary>What a cut string ends with.</summary>
    public const string CutSuffix = "…[truncated]";

    /// <summary>The default limit of an entry's data, in UTF-8 bytes of compact JSON: 256 KiB, which leaves room for the rest of a 400 KB item.</summary>
    public const int DefaultMaxDataBytes = 256 * 1024;

    /// <summary>The longest <see cref="TimelineEntry.Summary"/> kept, in characters; a longer one is cut and ends with <c>…</c>.</summary>
    public const int MaxSummaryLength = 2_000;

    /// <summary>The longest timeline entry key or claim key, in characters (DynamoDB sort keys hold at most 1,024 bytes).</summary>
    public const int MaxKeyLength = 256;

    // Room kept for the marker itself and for the separators of what is kept.
    private const int MarkerReserve = 2_048;

    // A member is cut inside only when at least this much room is left for it; below that it is dropped.
    private const int MinimumCutRoom = 128;

    /// <summary>
    /// <paramref name="data"/> if it fits in <paramref name="maxBytes"/> UTF-8 bytes of compact JSON, else a cut copy
    /// carrying <see cref="TruncationMarker"/>. The argument is never changed.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="maxBytes">The limit; at least 4,096.</param>
    /// <returns>The data, or a bounded copy.</returns>
    public static JsonObject Bound(JsonObject data, int maxBytes = DefaultMaxDataBytes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 2 * MarkerReserve);
        var size = CompactJson.Utf8Length(data);
        if (size <= maxBytes)
        {
            return data;
        }

        var cut = new List<string>();
        var dropped = new List<string>();
        var bounded = CutObject(data, maxBytes - MarkerReserve, "$", cut, dropped);
        bounded[TruncationMarker] = new JsonObject
        {
            ["originalBytes"] = size,
            ["limitBytes"] = maxBytes,
            ["cut"] = Strings(cut),
            ["dropped"] = Strings(dropped),
        };
        return bounded;
    }

    /// <summary>Whether <paramref name="data"/> was cut by <see cref="Bound"/>.</summary>
    /// <param name="data">Stored data.</param>
    /// <returns><see langword="true"/> when it carries <see cref="TruncationMarker"/>.</returns>
    public static bool IsTruncated(JsonObject? data) => data?[TruncationMarker] is JsonObject;

    /// <summary>The summary cut to <see cref="MaxSummaryLength"/> characters (ending in <c>…</c> when cut).</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The bounded summary.</returns>
    public static string BoundSummary(string summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Length <= MaxSummaryLength ? summary : CutChars(summary, MaxSummaryLength - 1) + "…";
    }

    /// <summary>Throws unless <paramref name="key"/> is a usable entry or claim key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="parameterName">The parameter to name.</param>
    /// <exception cref="ArgumentException">The key is empty or longer than <see cref="MaxKeyLength"/>.</exception>
    public static void ValidateKey(string key, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(key, parameterName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A key has at most {MaxKeyLength} characters; this one has {key.Length}.", parameterName);
        }
    }

    private static JsonObject CutObject(JsonObject source, int budget, string path, List<string> cut, List<string> dropped)
    {
        var result = new JsonObject();
        var used = 2;
        foreach (var (name, value) in source)
        {
            var memberPath = path + "." + name;
            var overhead = Encoding.UTF8.GetByteCount(name) + 4;
            var cost = overhead + Size(value);
            if (used + cost <= budget)
            {
                result[name] = value?.DeepClone();
                used += cost;
                continue;
            }

            var room = budget - used - overhead;
            if (room >= MinimumCutRoom && Cut(value, room, memberPath, cut, dropped) is { } part)
            {
                result[name] = part;
                used += overhead + Size(part);
                cut.Add(memberPath);
            }
            else
            {
                dropped.Add(memberPath);
            }
        }

        return result;
    }

    private static JsonArray CutArray(JsonArray source, int budget, string path, List<string> cut, List<string> dropped)
    {
        var result = new JsonArray();
        var used = 2;
        for (var i = 0; i < source.Count; i++)
        {
            var itemPath = path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            var cost = Size(source[i]) + 1;
            if (used + cost <= budget)
            {
                result.Add(source[i]?.DeepClone());
                used += cost;
                continue;
            }

            var room = budget - used - 1;
            if (room >= MinimumCutRoom && Cut(source[i], room, itemPath, cut, dropped) is { } part)
            {
                result.Add(part);
                used += Size(part) + 1;
                cut.Add(itemPath);
            }
            else
            {
                dropped.Add(path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "..]");
                break;
            }
        }

        return result;
    }

    private static JsonNode? Cut(JsonNode? value, int room, string path, List<string> cut, List<string> dropped) => value switch
    {
        JsonObject obj => CutObject(obj, room, path, cut, dropped),
        JsonArray array => CutArray(array, room, path, cut, dropped),
        JsonValue text when text.GetValueKind() == JsonValueKind.String => CutString(text.GetValue<string>(), room),
        _ => null,
    };

    private static JsonValue CutString(string text, int room)
    {
        // Escaping can make the JSON text up to six bytes per character; cut by measured size, halving the excess.
        var keep = Math.Min(text.Length, room);
        while (true)
        {
            var candidate = JsonValue.Create(CutChars(text, keep) + CutSuffix);
            if (Size(candidate) <= room || keep == 0)
            {
                return candidate;
            }

            keep = Math.Max(0, keep - Math.Max(1, (Size(candidate) - room) / 2));
        }
    }

    private static string CutChars(string text, int length)
    {
        if (length >= text.Length)
        {
            return text;
        }

        // Never split a surrogate pair.
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    private static int Size(JsonNode? node) => node is null ? 4 : CompactJson.Utf8Length(node);

    private static JsonArray Strings(List<string> values)
    {
        // The marker must stay small whatever was cut: list the first paths and count the rest.
        const int Listed = 32;
        var array = new JsonArray();
        foreach (var value in values.Take(Listed))
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }

        if (values.Count > Listed)
        {
            array.Add((JsonNode)JsonValue.Create($"… and {values.Count - Listed} more"));
        }

        return array;
    }
}
