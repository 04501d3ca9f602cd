using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary><c>DescribeAlarms</c> and <c>DescribeAlarmHistory</c> over the simulated alarms, with CloudWatch's filters, defaults and paging.</summary>
internal static partial class AlarmOperations
{
    private static readonly string[] AlarmTypeNames = ["MetricAlarm", "CompositeAlarm"];
    private static readonly string[] StateValues = ["OK", "ALARM", "INSUFFICIENT_DATA"];
    private static readonly string[] HistoryItemTypes = ["ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate", "AlarmContributorAction"];

    public static byte[] DescribeAlarms(SimulatedCloudWatch state, JsonElement input)
    {
        var names = JsonInput.Strings(input, "AlarmNames");
        var prefix = JsonInput.String(input, "AlarmNamePrefix");
        var children = JsonInput.String(input, "ChildrenOfAlarmName");
        var parents = JsonInput.String(input, "ParentsOfAlarmName");
        var stateValue = JsonInput.String(input, "StateValue");
        var actionPrefix = JsonInput.String(input, "ActionPrefix");
        var types = ReadTypes(input);
        var pageSize = ReadPageSize(input, "MaxRecords", 50);
        if (names.Count > 0 && prefix is not null)
        {
            throw Faults.InvalidParameterCombination("AlarmNamePrefix and AlarmNames cannot be specified together.");
        }

        if (names.Count > 100)
        {
            throw Faults.Validation("The collection AlarmNames must not have a size greater than 100.");
        }

        if (children is not null && parents is not null)
        {
            throw Faults.InvalidParameterCombination("ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified together.");
        }

        var related = children ?? parents;
        if (related is not null && (names.Count > 0 || prefix is not null || stateValue is not null || actionPrefix is not null))
        {
            throw Faults.InvalidParameterCombination(
                $"{(children is not null ? "ChildrenOfAlarmName" : "ParentsOfAlarmName")} cannot be specified with any other parameter except MaxRecords and NextToken.");
        }

        if (stateValue is not null && !StateValues.Contains(stateValue))
        {
            throw Faults.Validation($"1 validation error detected: Value '{stateValue}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
        }

        IEnumerable<SimulatedAlarm> alarms = Current(state).Values;
        if (children is not null)
        {
            var parent = Current(state).GetValueOrDefault(children);
            var referenced = parent?.AlarmRule is { } rule ? ReferencedAlarms(rule) : [];
            alarms = alarms.Where(a => referenced.Contains(a.AlarmName));
        }
        else if (parents is not null)
        {
            alarms = alarms.Where(a => a.AlarmRule is { } rule && ReferencedAlarms(rule).Contains(parents));
        }

        var allTypes = related is not null && !JsonInput.Has(input, "AlarmTypes");
        alarms = alarms
            .Where(a => allTypes || types.Contains(a.IsComposite ? "CompositeAlarm" : "MetricAlarm"))
            .Where(a => names.Count == 0 || names.Contains(a.AlarmName))
            .Where(a => prefix is null || a.AlarmName.StartsWith(prefix, StringComparison.Ordinal))
            .Where(a => stateValue is null || a.StateValue == stateValue)
            .Where(a => actionPrefix is null || a.AlarmActions.Concat(a.OKActions).Concat(a.InsufficientDataActions).Any(x => x.StartsWith(actionPrefix, StringComparison.Ordinal)))
            .OrderBy(a => a.AlarmName, StringComparer.Ordinal);

        var all = alarms.ToList();
        var fingerprint = Fingerprint(input, "AlarmNames", "AlarmNamePrefix", "AlarmTypes", "ChildrenOfAlarmName", "ParentsOfAlarmName", "StateValue", "ActionPrefix", "MaxRecords");
        var offset = ReadOffset(input, "da", fingerprint, all.Count);
        var page = all.Skip(offset).Take(pageSize).ToList();
        var brief = related is not null;
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("CompositeAlarms");
            foreach (var alarm in page.Where(a => a.IsComposite))
            {
                WriteComposite(writer, alarm, brief);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("MetricAlarms");
            foreach (var alarm in page.Where(a => !a.IsComposite))
            {
                WriteMetric(writer, alarm, brief);
            }

            writer.WriteEndArray();
            if (offset + page.Count < all.Count)
            {
                writer.WriteString("NextToken", Token("da", offset + page.Count, fingerprint));
            }

            writer.WriteEndObject();
        });
    }

    public static byte[] DescribeAlarmHistory(SimulatedCloudWatch state, JsonElement input)
    {
        var name = JsonInput.String(input, "AlarmName");
        var types = ReadTypes(input);
        var itemType = JsonInput.String(input, "HistoryItemType");
        if (itemType is not null && !HistoryItemTypes.Contains(itemType))
        {
            throw Faults.Validation($"1 validation error detected: Value '{itemType}' at 'historyItemType' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", HistoryItemTypes)}]");
        }

        var startDate = JsonInput.EpochSeconds(input, "StartDate");
        var endDate = JsonInput.EpochSeconds(input, "EndDate");
        var scanBy = JsonInput.String(input, "ScanBy") ?? "TimestampDescending";
        if (scanBy is not ("TimestampDescending" or "TimestampAscending"))
        {
            throw Faults.Validation($"The value {scanBy} for parameter ScanBy is not valid: use TimestampDescending or TimestampAscending.");
        }

        var pageSize = ReadPageSize(input, "MaxRecords", 100);
        var items = state.Alarms
            .Where(a => a.PreviousStateValue is not null)
            .Where(a => name is null || a.AlarmName == name)
            .Where(a => types.Contains(a.IsComposite ? "CompositeAlarm" : "MetricAlarm"))
            .Where(_ => itemType is null or "StateUpdate")
            .Where(a => (startDate is null || a.StateTimestamp >= startDate) && (endDate is null || a.StateTimestamp <= endDate))
            .Select((alarm, index) => (Alarm: alarm, Index: index));
        var ordered = (scanBy == "TimestampAscending"
            ? items.OrderBy(i => i.Alarm.StateTimestamp).ThenBy(i => i.Index)
            : items.OrderByDescending(i => i.Alarm.StateTimestamp).ThenByDescending(i => i.Index)).Select(i => i.Alarm).ToList();

        var fingerprint = Fingerprint(input, "AlarmName", "AlarmTypes", "HistoryItemType", "StartDate", "EndDate", "MaxRecords", "ScanBy");
        var offset = ReadOffset(input, "dah", fingerprint, ordered.Count);
        var page = ordered.Skip(offset).Take(pageSize).ToList();
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("AlarmHistoryItems");
            foreach (var alarm in page)
            {
                writer.WriteStartObject();
                writer.WriteString("AlarmName", alarm.AlarmName);
                writer.WriteString("AlarmType", alarm.IsComposite ? "CompositeAlarm" : "MetricAlarm");
                JsonOutput.EpochSeconds(writer, "Timestamp", alarm.StateTimestamp);
                writer.WriteString("HistoryItemType", "StateUpdate");
                writer.WriteString("HistorySummary", $"Alarm updated from {alarm.PreviousStateValue} to {alarm.StateValue}");
                writer.WriteString("HistoryData", HistoryData(alarm));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (offset + page.Count < ordered.Count)
            {
                writer.WriteString("NextToken", Token("dah", offset + page.Count, fingerprint));
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>The names a composite rule refers to: <c>ALARM(name)</c>, <c>OK("name")</c>, <c>INSUFFICIENT_DATA(arn)</c>.</summary>
    internal static HashSet<string> ReferencedAlarms(string rule)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in RuleReference().Matches(rule))
        {
            var reference = match.Groups[2].Value.Trim();
            var marker = reference.IndexOf(":alarm:", StringComparison.Ordinal);
            names.Add(marker >= 0 ? reference[(marker + ":alarm:".Length)..] : reference);
        }

        return names;
    }

    /// <summary>The alarm as described now: of several entries with one name, the one with the latest state.</summary>
    private static Dictionary<string, SimulatedAlarm> Current(SimulatedCloudWatch state) =>
        state.Alarms.GroupBy(a => a.AlarmName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.StateTimestamp).Last(), StringComparer.Ordinal);

    private static void WriteCommon(Utf8JsonWriter writer, SimulatedAlarm alarm)
    {
        writer.WriteString("AlarmName", alarm.AlarmName);
        writer.WriteString("AlarmArn", alarm.AlarmArn);
        JsonOutput.OptionalString(writer, "AlarmDescription", alarm.Description);
        JsonOutput.EpochSeconds(writer, "AlarmConfigurationUpdatedTimestamp", ConfigurationUpdated(alarm));
        writer.WriteBoolean("ActionsEnabled", alarm.ActionsEnabled);
        JsonOutput.StringArray(writer, "OKActions", alarm.OKActions);
        JsonOutput.StringArray(writer, "AlarmActions", alarm.AlarmActions);
        JsonOutput.StringArray(writer, "InsufficientDataActions", alarm.InsufficientDataActions);
        writer.WriteString("StateValue", alarm.StateValue);
        JsonOutput.OptionalString(writer, "StateReason", alarm.StateReason);
        JsonOutput.OptionalString(writer, "StateReasonData", alarm.StateReasonData);
        JsonOutput.EpochSeconds(writer, "StateUpdatedTimestamp", alarm.StateTimestamp);
        JsonOutput.EpochSeconds(writer, "StateTransitionedTimestamp", Transitioned(alarm));
    }

    private static void WriteBrief(Utf8JsonWriter writer, SimulatedAlarm alarm)
    {
        writer.WriteStartObject();
        writer.WriteString("AlarmName", alarm.AlarmName);
        writer.WriteString("AlarmArn", alarm.AlarmArn);
        writer.WriteString("StateValue", alarm.StateValue);
        JsonOutput.EpochSeconds(writer, "StateUpdatedTimestamp", alarm.StateTimestamp);
        writer.WriteEndObject();
    }

    private static void WriteComposite(Utf8JsonWriter writer, SimulatedAlarm alarm, bool brief)
    {
        if (brief)
        {
            WriteBrief(writer, alarm);
            return;
        }

        writer.WriteStartObject();
        WriteCommon(writer, alarm);
        writer.WriteString("AlarmRule", alarm.AlarmRule);
        JsonOutput.OptionalString(writer, "ActionsSuppressedBy", alarm.ActionsSuppressedBy);
        JsonOutput.OptionalString(writer, "ActionsSuppressedReason", alarm.ActionsSuppressedReason);
        JsonOutput.OptionalString(writer, "ActionsSuppressor", alarm.ActionsSuppressor);
        if (alarm.ActionsSuppressorWaitPeriod is { } wait)
        {
            writer.WriteNumber("ActionsSuppressorWaitPeriod", wait);
        }

        if (alarm.ActionsSuppressorExtensionPeriod is { } extension)
        {
            writer.WriteNumber("ActionsSuppressorExtensionPeriod", extension);
        }

        writer.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter writer, SimulatedAlarm alarm, bool brief)
    {
        if (brief)
        {
            WriteBrief(writer, alarm);
            return;
        }

        writer.WriteStartObject();
        WriteCommon(writer, alarm);
        var single = alarm.Metrics.Count == 1 && alarm.Metrics[0].IsMetric ? alarm.Metrics[0] : null;
        if (single is not null)
        {
            writer.WriteString("MetricName", single.MetricName);
            writer.WriteString("Namespace", single.Namespace);
            var stat = single.Stat is { } s ? Statistic.Parse(s) : null;
            if (stat is { IsStandard: true })
            {
                writer.WriteString("Statistic", single.Stat);
            }
            else
            {
                JsonOutput.OptionalString(writer, "ExtendedStatistic", single.Stat);
            }

            WriteDimensions(writer, single.Dimensions);
            if (single.Period is { } period)
            {
                writer.WriteNumber("Period", period);
            }

            JsonOutput.OptionalString(writer, "Unit", single.Unit);
        }
        else
        {
            WriteDimensions(writer, new Dictionary<string, string>());
        }

        if (alarm.EvaluationPeriods is { } periods)
        {
            writer.WriteNumber("EvaluationPeriods", periods);
        }

        if (alarm.DatapointsToAlarm is { } datapoints)
        {
            writer.WriteNumber("DatapointsToAlarm", datapoints);
        }

        if (alarm.Threshold is { } threshold)
        {
            writer.WriteNumber("Threshold", threshold);
        }

        JsonOutput.OptionalString(writer, "ComparisonOperator", alarm.ComparisonOperator);
        writer.WriteString("TreatMissingData", alarm.TreatMissingData);
        if (single is null)
        {
            writer.WriteStartArray("Metrics");
            foreach (var metric in alarm.Metrics)
            {
                WriteQuery(writer, metric);
            }

            writer.WriteEndArray();
        }

        JsonOutput.OptionalString(writer, "ThresholdMetricId", alarm.ThresholdMetricId);
        writer.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter writer, SimulatedAlarmMetric metric)
    {
        writer.WriteStartObject();
        writer.WriteString("Id", metric.Id);
        if (metric.IsMetric)
        {
            writer.WriteStartObject("MetricStat");
            writer.WriteStartObject("Metric");
            JsonOutput.OptionalString(writer, "Namespace", metric.Namespace);
            writer.WriteString("MetricName", metric.MetricName);
            WriteDimensions(writer, metric.Dimensions);
            writer.WriteEndObject();
            if (metric.Period is { } period)
            {
                writer.WriteNumber("Period", period);
            }

            JsonOutput.OptionalString(writer, "Stat", metric.Stat);
            JsonOutput.OptionalString(writer, "Unit", metric.Unit);
            writer.WriteEndObject();
        }
        else
        {
            JsonOutput.OptionalString(writer, "Expression", metric.Expression);
            if (metric.Period is { } period)
            {
                writer.WriteNumber("Period", period);
            }
        }

        JsonOutput.OptionalString(writer, "Label", metric.Label);
        writer.WriteBoolean("ReturnData", metric.ReturnData);
        writer.WriteEndObject();
    }

    private static void WriteDimensions(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> dimensions)
    {
        writer.WriteStartArray("Dimensions");
        foreach (var (name, value) in dimensions)
        {
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteString("Value", value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The StateUpdate history document CloudWatch writes: the old and new states with their reason data as JSON objects.</summary>
    private static string HistoryData(SimulatedAlarm alarm)
    {
        var bytes = JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("version", "1.0");
            WriteState(writer, "oldState", alarm.PreviousStateValue!, alarm.PreviousStateReason, alarm.PreviousStateReasonData);
            WriteState(writer, "newState", alarm.StateValue, alarm.StateReason, alarm.StateReasonData);
            writer.WriteEndObject();
        });
        return Encoding.UTF8.GetString(bytes);
    }

    private static void WriteState(Utf8JsonWriter writer, string name, string value, string? reason, string? reasonData)
    {
        writer.WriteStartObject(name);
        writer.WriteString("stateValue", value);
        JsonOutput.OptionalString(writer, "stateReason", reason);
        if (!string.IsNullOrWhiteSpace(reasonData))
        {
            try
            {
                using var document = JsonDocument.Parse(reasonData);
                writer.WritePropertyName("stateReasonData");
                document.RootElement.WriteTo(writer);
            }
            catch (JsonException)
            {
                writer.WriteString("stateReasonData", reasonData);
            }
        }

        writer.WriteEndObject();
    }

    private static DateTimeOffset ConfigurationUpdated(SimulatedAlarm alarm) =>
        alarm.ConfigurationUpdatedTimestamp
        ?? (alarm.PreviousStateTimestamp is { } previous && previous < alarm.StateTimestamp ? previous : alarm.StateTimestamp);

    /// <summary>When the state value last changed: the transition's time, or, when the state did not change (ALARM to ALARM), the previous state's.</summary>
    private static DateTimeOffset Transitioned(SimulatedAlarm alarm) =>
        alarm.PreviousStateValue == alarm.StateValue && alarm.PreviousStateTimestamp is { } previous ? previous : alarm.StateTimestamp;

    private static HashSet<string> ReadTypes(JsonElement input)
    {
        var types = JsonInput.Strings(input, "AlarmTypes");
        foreach (var type in types.Where(t => !AlarmTypeNames.Contains(t)))
        {
            throw Faults.Validation($"1 validation error detected: Value '[{type}]' at 'alarmTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CompositeAlarm, MetricAlarm]]");
        }

        // CloudWatch's default is metric alarms only, even when composite alarms exist.
        return types.Count == 0 ? ["MetricAlarm"] : [.. types];
    }

    private static int ReadPageSize(JsonElement input, string name, int fallback)
    {
        var size = JsonInput.Int(input, name) ?? fallback;
        return size is < 1 or > 100
            ? throw Faults.Validation($"1 validation error detected: Value '{size.ToString(CultureInfo.InvariantCulture)}' at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must have value between 1 and 100")
            : size;
    }

    private static string Fingerprint(JsonElement input, params string[] names)
    {
        var text = new StringBuilder();
        foreach (var name in names)
        {
            text.Append(name).Append('=').Append(input.TryGetProperty(name, out var value) ? value.GetRawText() : string.Empty).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Token(string kind, int offset, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}:{offset.ToString(CultureInfo.InvariantCulture)}:{fingerprint}"));

    private static int ReadOffset(JsonElement input, string kind, string fingerprint, int count)
    {
        var token = JsonInput.String(input, "NextToken");
        if (token is null)
        {
            return 0;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 3 && parts[0] == kind && parts[2] == fingerprint
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= count)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not base64: not ours.
        }

        throw Faults.InvalidNextToken();
    }

    [GeneratedRegex(@"\b(ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*""?([^"")]+)""?\s*\)")]
    private static partial Regex RuleReference();
}
