using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Alarms;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Resolution;

/// <summary>Reads what an alarm points at: its metrics, a composite's children, and the incident's start.</summary>
internal static partial class AlarmSignals
{
    public static IReadOnlyList<MetricSignal> FromAlarm(AlarmStateChange alarm) =>
        [.. alarm.Configuration.Metrics
            .Where(m => m.MetricStat is not null)
            .Select(m => new MetricSignal(m.MetricStat!.Namespace, m.MetricStat.MetricName, m.MetricStat.Dimensions, alarm.AlarmName))];

    /// <summary>The children of a composite alarm: those that triggered it first, then the rest of its rule.</summary>
    public static IReadOnlyList<string> CompositeChildren(AlarmStateChange alarm)
    {
        var names = new List<string>();
        foreach (var trigger in alarm.State.ReasonData?.TriggeringAlarms ?? [])
        {
            names.Add(trigger.AlarmName);
        }

        foreach (Match match in RuleAlarm().Matches(alarm.Configuration.AlarmRule ?? string.Empty))
        {
            var name = match.Groups["name"].Value.Trim();
            var colon = name.IndexOf(":alarm:", StringComparison.Ordinal);
            names.Add(colon < 0 ? name : name[(colon + ":alarm:".Length)..]);
        }

        return [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The metrics of an alarm as <c>get_alarm</c> describes it (a single metric or metric-math entries).</summary>
    public static IReadOnlyList<MetricSignal> FromDescribedAlarm(JsonObject described, string alarmName)
    {
        var configuration = JsonFields.Object(described, "configuration");
        var signals = new List<MetricSignal>();
        if (JsonFields.Str(configuration, "metricName") is { } metricName)
        {
            signals.Add(new MetricSignal(JsonFields.Str(configuration, "namespace") ?? string.Empty, metricName, JsonFields.Map(configuration, "dimensions"), alarmName));
        }

        foreach (var query in JsonFields.Objects(configuration, "metrics"))
        {
            if (JsonFields.Object(query, "metricStat") is { } stat && JsonFields.Str(stat, "metricName") is { } name)
            {
                signals.Add(new MetricSignal(JsonFields.Str(stat, "namespace") ?? string.Empty, name, JsonFields.Map(stat, "dimensions"), alarmName));
            }
        }

        return signals;
    }

    /// <summary>When the breaching condition began: the oldest evaluated datapoint, else the state change.</summary>
    public static DateTimeOffset IncidentStart(AlarmStateChange alarm)
    {
        var reason = alarm.State.ReasonData;
        var oldest = reason?.EvaluatedDatapoints.Select(d => (DateTimeOffset?)d.Timestamp).Min();
        return oldest ?? reason?.StartDate ?? reason?.TriggeringAlarms.Select(t => (DateTimeOffset?)t.Timestamp).Min() ?? alarm.State.Timestamp;
    }

    public static Symptom SymptomOf(string metricName)
    {
        var name = metricName.ToLowerInvariant();
        return name switch
        {
            _ when name.Contains("restart", StringComparison.Ordinal) => Symptom.Restarts,
            _ when name.Contains("pending", StringComparison.Ordinal) => Symptom.Pending,
            _ when name.Contains("status_failed", StringComparison.Ordinal) => Symptom.FailedPods,
            _ when name.StartsWith("node_", StringComparison.Ordinal) || name.StartsWith("cluster_", StringComparison.Ordinal) => Symptom.Node,
            _ when name.Contains("replicas", StringComparison.Ordinal) || name.Contains("running_pods", StringComparison.Ordinal) => Symptom.Availability,
            _ when name.Contains("cpu", StringComparison.Ordinal) => Symptom.Cpu,
            _ when name.Contains("memory", StringComparison.Ordinal) => Symptom.Memory,
            _ when name.Contains("responsetime", StringComparison.Ordinal) || name.Contains("latency", StringComparison.Ordinal) => Symptom.Latency,
            _ when name.Contains("5xx", StringComparison.Ordinal) || name.Contains("4xx", StringComparison.Ordinal) || name.Contains("error", StringComparison.Ordinal) => Symptom.Errors,
            _ when name.Contains("unhealthyhost", StringComparison.Ordinal) || name.Contains("healthyhost", StringComparison.Ordinal) => Symptom.UnhealthyTargets,
            _ when name.Contains("requestcount", StringComparison.Ordinal) || name.Contains("requests", StringComparison.Ordinal) => Symptom.Traffic,
            _ => Symptom.None,
        };
    }

    /// <summary>The symptom an alarm's name suggests when its metrics cannot be read (a composite's child).</summary>
    public static Symptom SymptomOfName(string alarmName)
    {
        var name = alarmName.ToLowerInvariant();
        Symptom symptom = Symptom.None;
        foreach (var (word, value) in NameWords)
        {
            if (name.Contains(word, StringComparison.Ordinal))
            {
                symptom |= value;
            }
        }

        return symptom;
    }

    private static readonly (string Word, Symptom Symptom)[] NameWords =
    [
        ("restart", Symptom.Restarts), ("pending", Symptom.Pending), ("failed-pods", Symptom.FailedPods), ("unavailable", Symptom.Availability),
        ("replica", Symptom.Availability), ("running-pods", Symptom.Availability), ("cpu", Symptom.Cpu), ("memory", Symptom.Memory),
        ("latency", Symptom.Latency), ("response-time", Symptom.Latency), ("5xx", Symptom.Errors), ("error", Symptom.Errors),
        ("unhealthy", Symptom.UnhealthyTargets), ("node", Symptom.Node), ("request-count", Symptom.Traffic), ("traffic", Symptom.Traffic),
    ];

    [GeneratedRegex("""ALARM\(\s*"?(?<name>[^")]+)"?\s*\)""", RegexOptions.CultureInvariant)]
    private static partial Regex RuleAlarm();
}
