using System.Globalization;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// What a simulated CloudWatch account holds for one incident: metric series, alarms, log events and the clock.
/// Serve it with <see cref="CloudWatchSimulator.StartAsync(SimulatedCloudWatch, CloudWatchSimulatorOptions?, CancellationToken)"/>.
/// The data never changes; Logs Insights queries started through the server are the only state, and they live in
/// the server.
/// </summary>
/// <remarks>
/// <para>Alarms that share a name are one alarm seen at several transitions: the one with the latest state timestamp is
/// described, and every one that has a previous state adds a history item.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class SimulatedCloudWatch
{
    private static readonly int[] HighResolutionPeriods = [1, 5, 10, 20, 30];

    /// <summary>Creates the account's contents.</summary>
    /// <param name="metrics">The metric series; no two may share namespace, name and dimensions.</param>
    /// <param name="alarms">The alarms (see <see cref="SimulatedAlarm.FromEvent(string)"/>).</param>
    /// <param name="logEvents">The log events; their groups exist.</param>
    /// <param name="now">The clock: <c>GetMetricData</c> rounds start times relative to it, as CloudWatch does relative to the time of the request.</param>
    /// <param name="logGroupNames">Log groups that exist even without events (for example every Container Insights group of the cluster).</param>
    /// <exception cref="ArgumentException">A series has an invalid period or a duplicate identity, or an event has no group or stream name.</exception>
    public SimulatedCloudWatch(
        IEnumerable<MetricSeries> metrics,
        IEnumerable<SimulatedAlarm> alarms,
        IEnumerable<SimulatedLogEvent> logEvents,
        DateTimeOffset now,
        IEnumerable<string>? logGroupNames = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(logEvents);
        Now = now;
        Metrics = [.. metrics];
        Alarms = [.. alarms];
        LogEvents = [.. logEvents];

        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in Metrics)
        {
            ArgumentNullException.ThrowIfNull(series, nameof(metrics));
            if (series.Period <= 0 || (series.Period % 60 != 0 && !HighResolutionPeriods.Contains(series.Period)))
            {
                throw new ArgumentException(
                    $"Metric {series.Namespace}/{series.MetricName}: period {series.Period.ToString(CultureInfo.InvariantCulture)} is not 1, 5, 10, 20, 30 or a multiple of 60.", nameof(metrics));
            }

            if (!identities.Add(Identity(series.Namespace, series.MetricName, series.Dimensions)))
            {
                throw new ArgumentException(
                    $"Metric {series.Namespace}/{series.MetricName} with dimensions {{{string.Join(", ", series.Dimensions.Select(d => d.Key + "=" + d.Value))}}} is given twice.", nameof(metrics));
            }
        }

        foreach (var alarm in Alarms)
        {
            ArgumentNullException.ThrowIfNull(alarm, nameof(alarms));
        }

        foreach (var logEvent in LogEvents)
        {
            ArgumentNullException.ThrowIfNull(logEvent, nameof(logEvents));
            if (string.IsNullOrEmpty(logEvent.LogGroupName) || string.IsNullOrEmpty(logEvent.LogStreamName))
            {
                throw new ArgumentException("A log event has no log group or log stream name.", nameof(logEvents));
            }
        }

        LogGroupNames = [.. LogEvents.Select(e => e.LogGroupName).Concat(logGroupNames ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Logs = new LogStore(LogEvents, LogGroupNames);
    }

    /// <summary>The clock.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The metric series.</summary>
    public IReadOnlyList<MetricSeries> Metrics { get; }

    /// <summary>The alarms, as given.</summary>
    public IReadOnlyList<SimulatedAlarm> Alarms { get; }

    /// <summary>The log events, as given.</summary>
    public IReadOnlyList<SimulatedLogEvent> LogEvents { get; }

    /// <summary>Every log group that exists, sorted.</summary>
    public IReadOnlyList<string> LogGroupNames { get; }

    internal LogStore Logs { get; }

    /// <summary>The series a query names exactly (namespace, name and the same set of dimensions), or null.</summary>
    internal MetricSeries? FindSeries(string @namespace, string metricName, IReadOnlyDictionary<string, string> dimensions)
    {
        var identity = Identity(@namespace, metricName, dimensions);
        return Metrics.FirstOrDefault(s => Identity(s.Namespace, s.MetricName, s.Dimensions) == identity);
    }

    private static string Identity(string @namespace, string metricName, IReadOnlyDictionary<string, string> dimensions) =>
        string.Join('\u001f', new[] { @namespace, metricName }.Concat(dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).SelectMany(d => new[] { d.Key, d.Value })));
}
