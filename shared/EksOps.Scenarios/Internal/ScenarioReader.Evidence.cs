using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Scenarios.Internal;

/// <summary>Logs and metrics: the evidence an investigator can read besides the objects.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] LogKeys = ["namespace", "pod", "container", "previous", "file", "text"];
    private static readonly string[] MetricKeys = ["namespace", "metricName", "dimensions", "unit", "period", "points"];

    /// <summary>The units CloudWatch accepts (<c>StandardUnit</c>).</summary>
    private static readonly string[] Units =
    [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
        "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
        "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
        "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    ];

    private ReadOnlyCollection<ScenarioLog>? ReadLogs(Fields f, JsonObject top)
    {
        if (!top.ContainsKey("logs"))
        {
            return ReadOnlyCollection<ScenarioLog>.Empty;
        }

        var entries = f.Sequence(top, JsonPaths.Root, "logs", required: true, "a sequence of log entries (namespace, pod, container, previous, file or text)");
        if (entries is null)
        {
            return null;
        }

        var logs = new List<ScenarioLog>();
        var seen = new Dictionary<(string, string, string, bool), string>();
        bool ok = true;
        for (int i = 0; i < entries.Count; i++)
        {
            string path = JsonPaths.Item("$.logs", i);
            if (entries[i] is not JsonObject entry)
            {
                f.UnexpectedItem(entries, i, path, "a log entry (a mapping with namespace, pod, container and file or text)", Texts.Describe(entries[i], f.Map));
                ok = false;
                continue;
            }

            var log = ReadLog(f, entry, path);
            if (log is null)
            {
                ok = false;
                continue;
            }

            var key = (log.Namespace, log.Pod, log.Container, log.Previous);
            if (seen.TryGetValue(key, out string? first))
            {
                f.Error(path, f.Map.OfItem(entries, i), "expected one entry per container instance but found " + log.Namespace + "/" + log.Pod + " container "
                    + log.Container + (log.Previous ? " (previous)" : string.Empty) + " again; it is first given at " + first);
                ok = false;
                continue;
            }

            seen[key] = path;
            logs.Add(log);
        }

        return ok ? logs.AsReadOnly() : null;
    }

    private ScenarioLog? ReadLog(Fields f, JsonObject entry, string path)
    {
        f.OnlyKeys(entry, path, LogKeys);
        string? ns = f.String(entry, path, "namespace", required: true, "the pod's namespace");
        string? pod = f.String(entry, path, "pod", required: true, "the pod name");
        string? container = f.String(entry, path, "container", required: true, "the container name");
        bool? previous = entry.ContainsKey("previous") ? f.Bool(entry, path, "previous", required: true) : false;

        bool hasFile = entry.ContainsKey("file");
        bool hasText = entry.ContainsKey("text");
        string? text = null;
        string? file = null;
        if (hasFile == hasText)
        {
            f.Error(path, f.Map.Of(entry), "expected exactly one of file and text but found " + (hasFile ? "both" : "neither"));
        }
        else if (hasText)
        {
            text = f.Text(entry, path, "text");
        }
        else
        {
            string? reference = FileName(f, entry, path, "file", "a file name such as logs/app.log");
            string? full = reference is null ? null : ResolveFile(f, entry, path, "file", reference, out file);
            byte[]? content = full is null ? null : ReadBytes(f, entry, path, "file", full);
            text = content is null ? null : DecodeUtf8(content);
        }

        return ns is null || pod is null || container is null || previous is null || text is null
            ? null
            : new ScenarioLog { Namespace = ns, Pod = pod, Container = container, Previous = previous.Value, Text = text, File = file };
    }

    private static ReadOnlyCollection<ScenarioMetric>? ReadMetrics(Fields f, JsonObject top)
    {
        if (!top.ContainsKey("metrics"))
        {
            return ReadOnlyCollection<ScenarioMetric>.Empty;
        }

        var entries = f.Sequence(top, JsonPaths.Root, "metrics", required: true, "a sequence of metrics (namespace, metricName, dimensions, unit, period, points)");
        if (entries is null)
        {
            return null;
        }

        var metrics = new List<ScenarioMetric>();
        bool ok = true;
        for (int i = 0; i < entries.Count; i++)
        {
            string path = JsonPaths.Item("$.metrics", i);
            if (entries[i] is not JsonObject entry)
            {
                f.UnexpectedItem(entries, i, path, "a metric (a mapping with namespace, metricName, period and points)", Texts.Describe(entries[i], f.Map));
                ok = false;
                continue;
            }

            var metric = ReadMetric(f, entry, path);
            ok &= metric is not null;
            if (metric is not null)
            {
                metrics.Add(metric);
            }
        }

        return ok ? metrics.AsReadOnly() : null;
    }

    private static ScenarioMetric? ReadMetric(Fields f, JsonObject entry, string path)
    {
        f.OnlyKeys(entry, path, MetricKeys);
        string? ns = f.String(entry, path, "namespace", required: true, "a metric namespace such as \"ContainerInsights\"");
        string? name = f.String(entry, path, "metricName", required: true, "a metric name");
        var dimensions = ReadDimensions(f, entry, path);
        string unitsExpected = "a CloudWatch unit (" + string.Join(", ", Units) + ")";
        string? unit = entry.ContainsKey("unit") ? f.String(entry, path, "unit", required: true, unitsExpected) : null;
        bool unitOk = !entry.ContainsKey("unit") || unit is not null;
        if (unit is not null && !Units.Contains(unit, StringComparer.Ordinal))
        {
            f.Unexpected(entry, path, "unit", unitsExpected, entry["unit"]);
            unitOk = false;
        }

        const string PeriodExpected = "a period in seconds: 1, 5, 10, 20, 30 or a multiple of 60";
        long? period = f.Integer(entry, path, "period", required: true, PeriodExpected);
        if (period is not null && !(period is 1 or 5 or 10 or 20 or 30 || (period > 0 && period % 60 == 0 && period <= int.MaxValue)))
        {
            f.Unexpected(entry, path, "period", PeriodExpected, entry["period"]);
            period = null;
        }

        var points = ReadPoints(f, entry, path);
        return ns is null || name is null || dimensions is null || !unitOk || period is null || points is null
            ? null
            : new ScenarioMetric { Namespace = ns, MetricName = name, Dimensions = dimensions, Unit = unit, Period = (int)period.Value, Points = points };
    }

    private static ReadOnlyDictionary<string, string>? ReadDimensions(Fields f, JsonObject entry, string path)
    {
        if (!entry.ContainsKey("dimensions"))
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var mapping = f.Mapping(entry, path, "dimensions", required: true, "a mapping of dimension names to values, such as {ClusterName: prod-eks}");
        if (mapping is null)
        {
            return null;
        }

        string dimensionsPath = JsonPaths.Child(path, "dimensions");
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        bool ok = true;
        foreach (var (name, _) in mapping)
        {
            string? value = f.String(mapping, dimensionsPath, name, required: true, "a non-empty dimension value");
            if (value is null)
            {
                ok = false;
                continue;
            }

            dimensions[name] = value;
        }

        return ok ? dimensions.AsReadOnly() : null;
    }

    private static ReadOnlyCollection<MetricPoint>? ReadPoints(Fields f, JsonObject entry, string path)
    {
        const string PointExpected = "a point [ISO-8601 timestamp, number], such as [\"2026-11-20T09:58:00Z\", 91.0]";
        var sequence = f.Sequence(entry, path, "points", required: true, "a sequence of points [timestamp, value] in ascending time order");
        if (sequence is null)
        {
            return null;
        }

        string pointsPath = JsonPaths.Child(path, "points");
        var points = new List<MetricPoint>();
        bool ok = true;
        for (int i = 0; i < sequence.Count; i++)
        {
            string pointPath = JsonPaths.Item(pointsPath, i);
            if (sequence[i] is not JsonArray { Count: 2 } pair)
            {
                f.UnexpectedItem(sequence, i, pointPath, PointExpected, DescribePoint(sequence[i], f.Map));
                ok = false;
                continue;
            }

            string? timestampText = pair[0] is JsonValue ? f.Map.TextOf(pair[0]) : null;
            if (timestampText is null || !Instants.TryParse(timestampText, out var timestamp))
            {
                f.UnexpectedItem(pair, 0, JsonPaths.Item(pointPath, 0), Instants.Expected, Texts.Describe(pair[0], f.Map));
                ok = false;
                continue;
            }

            if (!Fields.TryGetNumber(pair[1], out double value))
            {
                f.UnexpectedItem(pair, 1, JsonPaths.Item(pointPath, 1), "a finite number", Texts.Describe(pair[1], f.Map));
                ok = false;
                continue;
            }

            if (points.Count > 0 && timestamp <= points[^1].Timestamp)
            {
                f.Error(JsonPaths.Item(pointPath, 0), f.Map.OfItem(pair, 0), "expected points in strictly ascending time order but found "
                    + Texts.Quote(timestampText) + ", which is not after the previous point's " + points[^1].Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                ok = false;
                continue;
            }

            points.Add(new MetricPoint(timestamp, value));
        }

        return ok ? points.AsReadOnly() : null;
    }

    private static string DescribePoint(JsonNode? node, SourceMap map) => node is JsonArray array
        ? "a sequence of " + Texts.Count(array.Count, "item", "items")
        : Texts.Describe(node, map);
}
