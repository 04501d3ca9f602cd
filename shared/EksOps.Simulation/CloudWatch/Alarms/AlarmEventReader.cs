using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Reads a <see cref="SimulatedAlarm"/> from a CloudWatch alarm state-change payload (EventBridge event or Lambda
/// alarm-action payload), by hand over <see cref="JsonElement"/>s, and derives what the payload only says in words.
/// </summary>
internal static partial class AlarmEventReader
{
    private const string StateChange = "CloudWatch Alarm State Change";

    public static SimulatedAlarm Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error("$", "expected a JSON object (a CloudWatch alarm state-change payload)");
        }

        string arn;
        JsonElement data;
        string dataPath;
        if (root.TryGetProperty("detail-type", out var detailType))
        {
            if (detailType.ValueKind != JsonValueKind.String || detailType.GetString() != StateChange)
            {
                throw Error("$.detail-type", $"expected \"{StateChange}\"");
            }

            if (!root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array || resources.GetArrayLength() == 0
                || resources[0].ValueKind != JsonValueKind.String)
            {
                throw Error("$.resources", "expected an array holding the alarm ARN");
            }

            arn = resources[0].GetString()!;
            data = RequireObject(root, "detail", "$", out dataPath);
        }
        else if (root.TryGetProperty("alarmData", out _))
        {
            arn = RequireString(root, "alarmArn", "$");
            data = RequireObject(root, "alarmData", "$", out dataPath);
        }
        else
        {
            throw Error("$", "expected an EventBridge event with detail-type \"" + StateChange + "\" or an alarm-action payload with alarmData");
        }

        var name = RequireString(data, "alarmName", dataPath);
        var state = RequireObject(data, "state", dataPath, out var statePath);
        JsonElement? previous = data.TryGetProperty("previousState", out var p) && p.ValueKind == JsonValueKind.Object ? p : null;
        JsonElement? configuration = data.TryGetProperty("configuration", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;

        var metrics = configuration is { } config && config.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Array
            ? ReadMetrics(m, dataPath + ".configuration.metrics")
            : [];
        var rule = configuration is { } cfg ? OptionalString(cfg, "alarmRule") : null;
        var stateReason = OptionalString(state, "reason");
        var stateReasonData = OptionalString(state, "reasonData");
        var previousReason = previous is { } ps ? OptionalString(ps, "reason") : null;

        var alarm = new SimulatedAlarm
        {
            AlarmName = name,
            AlarmArn = arn,
            Description = configuration is { } d ? OptionalString(d, "description") : null,
            StateValue = RequireState(state, statePath),
            StateReason = stateReason,
            StateReasonData = stateReasonData,
            StateTimestamp = RequireTimestamp(state, "timestamp", statePath),
            PreviousStateValue = previous is { } pv ? RequireState(pv, dataPath + ".previousState") : null,
            PreviousStateReason = previousReason,
            PreviousStateReasonData = previous is { } pd ? OptionalString(pd, "reasonData") : null,
            PreviousStateTimestamp = previous is { } pt ? RequireTimestamp(pt, "timestamp", dataPath + ".previousState") : null,
            ActionsSuppressedBy = OptionalString(state, "actionsSuppressedBy"),
            ActionsSuppressedReason = OptionalString(state, "actionsSuppressedReason"),
            Metrics = rule is null ? metrics : [],
            AlarmRule = rule,
            ActionsSuppressor = configuration is { } s ? SuppressorArn(OptionalString(s, "actionsSuppressor"), arn) : null,
            ActionsSuppressorWaitPeriod = configuration is { } w ? OptionalInt(w, "actionsSuppressorWaitPeriod") : null,
            ActionsSuppressorExtensionPeriod = configuration is { } e ? OptionalInt(e, "actionsSuppressorExtensionPeriod") : null,
        };

        return rule is null ? Derive(alarm, stateReason, stateReasonData, previousReason) : alarm;
    }

    /// <summary>Threshold, comparison, datapoints and evaluation periods from the reason texts and reason data.</summary>
    private static SimulatedAlarm Derive(SimulatedAlarm alarm, string? reason, string? reasonData, string? previousReason)
    {
        string? comparison = null;
        int? datapoints = null;
        int? periods = null;
        double? threshold = ThresholdFromReasonData(reasonData);
        foreach (var text in new[] { reason, previousReason })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            comparison ??= Comparison(text);
            var counts = OutOfTheLast().Match(text);
            if (counts.Success && datapoints is null)
            {
                datapoints = int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture);
                periods = int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture);
            }

            var thresholdText = ThresholdInReason().Match(text);
            if (threshold is null && thresholdText.Success
                && double.TryParse(thresholdText.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                threshold = parsed;
            }
        }

        var band = alarm.Metrics.FirstOrDefault(q => q.Expression is { } x && x.TrimStart().StartsWith("ANOMALY_DETECTION_BAND", StringComparison.OrdinalIgnoreCase));
        return alarm with
        {
            Threshold = band is null ? threshold : null,
            ComparisonOperator = comparison,
            DatapointsToAlarm = datapoints,
            EvaluationPeriods = periods,
            ThresholdMetricId = band?.Id,
        };
    }

    private static string? Comparison(string reason)
    {
        var band = BandComparison().Match(reason);
        if (band.Success)
        {
            var lower = band.Groups["lower"].Success;
            var upper = band.Groups["upper"].Success;
            return (lower, upper) switch
            {
                (true, true) => "LessThanLowerOrGreaterThanUpperThreshold",
                (true, false) => "LessThanLowerThreshold",
                _ => "GreaterThanUpperThreshold",
            };
        }

        var single = ThresholdComparison().Match(reason);
        if (!single.Success)
        {
            return null;
        }

        var greater = single.Groups[1].Value == "greater";
        var orEqual = single.Groups[2].Success;
        return (greater, orEqual) switch
        {
            (true, true) => "GreaterThanOrEqualToThreshold",
            (true, false) => "GreaterThanThreshold",
            (false, true) => "LessThanOrEqualToThreshold",
            _ => "LessThanThreshold",
        };
    }

    private static double? ThresholdFromReasonData(string? reasonData)
    {
        if (string.IsNullOrWhiteSpace(reasonData))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(reasonData);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("threshold", out var threshold)
                && threshold.ValueKind == JsonValueKind.Number
                ? threshold.GetDouble()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? SuppressorArn(string? suppressor, string alarmArn)
    {
        if (string.IsNullOrEmpty(suppressor) || suppressor.StartsWith("arn:", StringComparison.Ordinal))
        {
            return suppressor;
        }

        var marker = alarmArn.LastIndexOf(":alarm:", StringComparison.Ordinal);
        return marker < 0 ? suppressor : alarmArn[..(marker + ":alarm:".Length)] + suppressor;
    }

    private static List<SimulatedAlarmMetric> ReadMetrics(JsonElement metrics, string path)
    {
        var result = new List<SimulatedAlarmMetric>();
        var index = 0;
        foreach (var entry in metrics.EnumerateArray())
        {
            var entryPath = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Error(entryPath, "expected an object");
            }

            var id = RequireString(entry, "id", entryPath);
            var returnData = !entry.TryGetProperty("returnData", out var rd) || rd.ValueKind != JsonValueKind.False;
            if (entry.TryGetProperty("metricStat", out var stat) && stat.ValueKind == JsonValueKind.Object)
            {
                var statPath = entryPath + ".metricStat";
                var metric = RequireObject(stat, "metric", statPath, out var metricPath);
                var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
                if (metric.TryGetProperty("dimensions", out var dims) && dims.ValueKind == JsonValueKind.Object)
                {
                    foreach (var dimension in dims.EnumerateObject())
                    {
                        dimensions[dimension.Name] = dimension.Value.ValueKind == JsonValueKind.String ? dimension.Value.GetString()! : dimension.Value.GetRawText();
                    }
                }

                result.Add(new SimulatedAlarmMetric
                {
                    Id = id,
                    Label = OptionalString(entry, "label"),
                    ReturnData = returnData,
                    Namespace = RequireString(metric, "namespace", metricPath),
                    MetricName = RequireString(metric, "name", metricPath),
                    Dimensions = dimensions,
                    Period = OptionalInt(stat, "period"),
                    Stat = RequireString(stat, "stat", statPath),
                    Unit = OptionalString(stat, "unit"),
                });
            }
            else
            {
                result.Add(new SimulatedAlarmMetric
                {
                    Id = id,
                    Label = OptionalString(entry, "label"),
                    ReturnData = returnData,
                    Expression = RequireString(entry, "expression", entryPath),
                    Period = OptionalInt(entry, "period"),
                });
            }
        }

        return result;
    }

    private static string RequireState(JsonElement state, string path)
    {
        var value = RequireString(state, "value", path);
        return value is "OK" or "ALARM" or "INSUFFICIENT_DATA"
            ? value
            : throw Error(path + ".value", $"expected OK, ALARM or INSUFFICIENT_DATA but found \"{value}\"");
    }

    private static DateTimeOffset RequireTimestamp(JsonElement obj, string name, string path)
    {
        var text = RequireString(obj, name, path);
        return ParseTimestamp(text) ?? throw Error(path + "." + name, $"expected a timestamp such as 2026-11-20T10:01:00.000+0000 but found \"{text}\"");
    }

    /// <summary>CloudWatch's <c>2026-11-20T10:01:00.000+0000</c>, and ISO 8601 with <c>Z</c> or <c>+00:00</c>.</summary>
    internal static DateTimeOffset? ParseTimestamp(string text)
    {
        var normalized = CompactOffset().Replace(LongFraction().Replace(text.Trim(), "$1"), "$1$2:$3");
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }

    private static JsonElement RequireObject(JsonElement obj, string name, string path, out string childPath)
    {
        childPath = path + "." + name;
        return obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw Error(childPath, "expected an object");
    }

    private static string RequireString(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Error(path + "." + name, "expected a non-empty string");

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? OptionalInt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static FormatException Error(string path, string problem) => new($"{path}: {problem}");

    [GeneratedRegex(@"([+-])(\d{2})(\d{2})$")]
    private static partial Regex CompactOffset();

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex LongFraction();

    [GeneratedRegex(@"(\d+) out of the last (\d+) datapoints?")]
    private static partial Regex OutOfTheLast();

    [GeneratedRegex(@"(?:was|were) (?:not )?(greater|less) than (or equal to )?the threshold")]
    private static partial Regex ThresholdComparison();

    [GeneratedRegex(@"(?:was|were) (?:not )?(?:(?<lower>less than the lower thresholds?)(?:\s*\[[^\]]*\])?(?: or (?:not )?(?<upper>greater than the upper thresholds?))?|(?<upper>greater than the upper thresholds?))")]
    private static partial Regex BandComparison();

    [GeneratedRegex(@"the threshold \((-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\)")]
    private static partial Regex ThresholdInReason();
}
