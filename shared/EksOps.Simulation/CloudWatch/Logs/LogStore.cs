using System.Globalization;

namespace EksOps.Simulation.CloudWatch;

/// <summary>One stored log event: times in epoch milliseconds, an event id like CloudWatch's (56 digits), and its order of arrival.</summary>
internal sealed record StoredLogEvent(string Group, string Stream, long Timestamp, long IngestionTime, string Message, string EventId, int Sequence);

/// <summary>The log events by group, each group in time order (ties in the order given).</summary>
internal sealed class LogStore
{
    private readonly Dictionary<string, StoredLogEvent[]> _groups = new(StringComparer.Ordinal);

    public LogStore(IReadOnlyList<SimulatedLogEvent> events, IReadOnlyList<string> groups)
    {
        var byGroup = groups.ToDictionary(g => g, _ => new List<StoredLogEvent>(), StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var timestamp = e.Timestamp.ToUnixTimeMilliseconds();
            var ingestion = (e.IngestionTime ?? e.Timestamp).ToUnixTimeMilliseconds();
            var id = timestamp.ToString("D20", CultureInfo.InvariantCulture) + i.ToString("D36", CultureInfo.InvariantCulture);
            byGroup[e.LogGroupName].Add(new StoredLogEvent(e.LogGroupName, e.LogStreamName, timestamp, ingestion, e.Message, id, i));
        }

        foreach (var (group, list) in byGroup)
        {
            _groups[group] = [.. list.OrderBy(e => e.Timestamp).ThenBy(e => e.Sequence)];
        }
    }

    public bool Exists(string group) => _groups.ContainsKey(group);

    /// <summary>The events of a group in time order; empty for an unknown group.</summary>
    public IReadOnlyList<StoredLogEvent> Events(string group) => _groups.TryGetValue(group, out var events) ? events : [];
}
