using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// Cuts a result to a byte cap without breaking its JSON and never silently: the largest arrays lose items and the
/// largest strings lose characters (from the end, or from the start for <see cref="TruncationMode.KeepEnd"/>), each
/// cut string carries an inline marker, and a <c>_truncated</c> report says how much was cut where.
/// </summary>
public static class ToolOutputLimiter
{
    /// <summary>The property of a result that holds the truncation report.</summary>
    public const string ReportProperty = "_truncated";

    private const int ReportReserve = 700;
    private const int MinimumStringCut = 64;

    /// <summary>The size of a value as compact UTF-8 JSON (as results are sent).</summary>
    /// <param name="node">The value.</param>
    /// <returns>The byte count.</returns>
    public static int MeasureBytes(JsonNode? node) => Measure(node, null);

    /// <summary>Cuts <paramref name="result"/> in place until it fits <paramref name="maxBytes"/>, and adds the report.</summary>
    /// <param name="result">The result; changed in place.</param>
    /// <param name="maxBytes">The cap, at least 1,024.</param>
    /// <param name="mode">Which end to keep.</param>
    /// <returns>The report, or <see langword="null"/> when the result already fit.</returns>
    public static TruncationReport? Limit(JsonObject result, int maxBytes, TruncationMode mode)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        int original = MeasureBytes(result);
        if (original <= maxBytes)
        {
            return null;
        }

        string originalText = ToolJson.Serialize(result);
        int budget = maxBytes - ReportReserve;
        var arrays = new Dictionary<string, (int Total, int Removed)>(StringComparer.Ordinal);
        var strings = new Dictionary<string, (string Original, int Kept)>(StringComparer.Ordinal);
        for (int round = 0; round < 512; round++)
        {
            var sizes = new Dictionary<JsonNode, int>(ReferenceEqualityComparer.Instance);
            int size = Measure(result, sizes);
            if (size <= budget)
            {
                break;
            }

            var (node, path) = Largest(result, string.Empty, sizes);
            if (node is null)
            {
                break;
            }

            int excess = size - budget;
            if (node is JsonArray array)
            {
                var state = arrays.TryGetValue(path, out var seen) ? seen : (array.Count, 0);
                int removedBytes = 0;
                while (array.Count > 1 && removedBytes < excess)
                {
                    int index = mode == TruncationMode.KeepStart ? array.Count - 1 : 0;
                    removedBytes += sizes.GetValueOrDefault(array[index]!, 4) + 1;
                    array.RemoveAt(index);
                    state.Item2++;
                }

                arrays[path] = state;
            }
            else
            {
                var value = (JsonValue)node;
                var state = strings.TryGetValue(path, out var seen) ? seen : (value.GetValue<string>(), value.GetValue<string>().Length);
                int kept = KeepLength(state.Item1, state.Item2, excess + 48, mode);
                strings[path] = (state.Item1, kept);
                ReplaceValue(node, Cut(state.Item1, kept, mode));
            }
        }

        var cuts = new List<TruncationCut>();
        cuts.AddRange(arrays.Select(a => new TruncationCut(a.Key, string.Create(CultureInfo.InvariantCulture, $"{a.Value.Removed} of {a.Value.Total} items"))));
        cuts.AddRange(strings.Select(s => new TruncationCut(s.Key, string.Create(CultureInfo.InvariantCulture, $"{s.Value.Original.Length - s.Value.Kept} of {s.Value.Original.Length} characters"))));
        if (MeasureBytes(result) > budget)
        {
            // Nothing large enough to cut structurally (thousands of small fields): return the start of the text.
            result.Clear();
            int keep = Math.Max(0, KeepLength(originalText, originalText.Length, ToolJson.EncodedLength(originalText) - budget + 64, TruncationMode.KeepStart));
            result["preview"] = Cut(originalText, keep, TruncationMode.KeepStart);
            cuts = [new TruncationCut(string.Empty, string.Create(CultureInfo.InvariantCulture, $"the structure; the start of the JSON text is in preview ({originalText.Length - keep} of {originalText.Length} characters omitted)"))];
        }

        cuts.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"The result was {original} bytes, over this tool's {maxBytes}-byte cap, so it was cut: {string.Join("; ", cuts.Take(8).Select(c => (c.Path.Length == 0 ? "result" : c.Path) + " lost " + c.Omitted))}. Ask for less (a limit, a narrower selector, fewer lines or a shorter time range) to see the rest.");
        var report = new TruncationReport(original, 0, maxBytes, cuts.AsReadOnly(), message);
        result[ReportProperty] = ReportJson(report);
        int returned = MeasureBytes(result);
        result[ReportProperty] = ReportJson(report with { ReturnedBytes = returned });
        returned = MeasureBytes(result);
        report = report with { ReturnedBytes = returned };
        result[ReportProperty] = ReportJson(report);
        return report;
    }

    private static JsonObject ReportJson(TruncationReport report)
    {
        var cuts = new JsonArray();
        foreach (var cut in report.Cuts.Take(20))
        {
            cuts.Add((JsonNode)new JsonObject { ["path"] = cut.Path, ["omitted"] = cut.Omitted });
        }

        return new JsonObject
        {
            ["message"] = report.Message,
            ["originalBytes"] = report.OriginalBytes,
            ["returnedBytes"] = report.ReturnedBytes,
            ["limitBytes"] = report.LimitBytes,
            ["cuts"] = cuts,
        };
    }

    /// <summary>How many characters of <paramref name="original"/> to keep so the JSON shrinks by at least <paramref name="bytesToDrop"/> from keeping <paramref name="kept"/>; never splits a surrogate pair.</summary>
    private static int KeepLength(string original, int kept, int bytesToDrop, TruncationMode mode)
    {
        int current = ToolJson.EncodedLength(Slice(original, Whole(original, kept, mode), mode));
        int low = 0;
        int high = kept;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (current - ToolJson.EncodedLength(Slice(original, Whole(original, middle, mode), mode)) >= bytesToDrop)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Whole(original, low, mode);
    }

    /// <summary>The largest count at most <paramref name="kept"/> that does not cut a surrogate pair in two.</summary>
    private static int Whole(string original, int kept, TruncationMode mode)
    {
        if (kept <= 0 || kept >= original.Length)
        {
            return Math.Clamp(kept, 0, original.Length);
        }

        bool splits = mode == TruncationMode.KeepStart ? char.IsHighSurrogate(original[kept - 1]) : char.IsLowSurrogate(original[^kept]);
        return splits ? kept - 1 : kept;
    }

    private static string Slice(string original, int kept, TruncationMode mode) =>
        mode == TruncationMode.KeepStart ? original[..kept] : original[^kept..];

    private static string Cut(string original, int kept, TruncationMode mode)
    {
        int omitted = original.Length - kept;
        return mode == TruncationMode.KeepStart
            ? string.Create(CultureInfo.InvariantCulture, $"{original[..kept]}…[truncated: {omitted} more characters]")
            : string.Create(CultureInfo.InvariantCulture, $"[truncated: {omitted} earlier characters]…{original[^kept..]}");
    }

    private static void ReplaceValue(JsonNode node, string value)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = value;
                break;
            case JsonArray parent:
                parent[node.GetElementIndex()] = value;
                break;
            default:
                break;
        }
    }

    /// <summary>The largest array of two or more items, or string worth cutting, by measured size.</summary>
    private static (JsonNode? Node, string Path) Largest(JsonNode? node, string path, Dictionary<JsonNode, int> sizes)
    {
        (JsonNode? Node, string Path) best = (null, string.Empty);
        int bestSize = 0;
        void Consider(JsonNode? candidate, string candidatePath)
        {
            if (candidate is null)
            {
                return;
            }

            bool cuttable = candidate switch
            {
                JsonArray a => a.Count > 1,
                JsonValue v => v.TryGetValue(out string? s) && s.Length > MinimumStringCut,
                _ => false,
            };
            int size = sizes.GetValueOrDefault(candidate);
            if (cuttable && size > bestSize)
            {
                best = (candidate, candidatePath);
                bestSize = size;
            }

            var inner = candidate is JsonObject or JsonArray ? Largest(candidate, candidatePath, sizes) : (null, string.Empty);
            if (inner.Node is not null && sizes.GetValueOrDefault(inner.Node) > bestSize)
            {
                best = inner;
                bestSize = sizes.GetValueOrDefault(inner.Node);
            }
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key != ReportProperty)
                    {
                        Consider(value, path + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Consider(array[i], path + "/" + i.ToString(CultureInfo.InvariantCulture));
                }

                break;
            default:
                break;
        }

        return best;
    }

    private static int Measure(JsonNode? node, Dictionary<JsonNode, int>? sizes)
    {
        int size;
        switch (node)
        {
            case null:
                return 4;
            case JsonObject obj:
                size = 2 + Math.Max(0, obj.Count - 1);
                foreach (var (key, value) in obj)
                {
                    size += ToolJson.EncodedLength(key) + 1 + Measure(value, sizes);
                }

                break;
            case JsonArray array:
                size = 2 + Math.Max(0, array.Count - 1);
                foreach (var item in array)
                {
                    size += Measure(item, sizes);
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text):
                size = ToolJson.EncodedLength(text);
                break;
            default:
                size = ToolJson.ToUtf8(node).Length;
                break;
        }

        if (sizes is not null)
        {
            sizes[node] = size;
        }

        return size;
    }
}
