using System.Collections.Concurrent;

namespace EksOps.Tools.Actions;

/// <summary>The incident store in process memory, for the local flow and tests, with the conditional semantics of <see cref="IIncidentRecorder"/>.</summary>
public sealed class InMemoryIncidentRecorder : IIncidentRecorder
{
    private readonly ConcurrentDictionary<string, IncidentRecord> _records = new(StringComparer.Ordinal);

    /// <summary>Every record, in no particular order.</summary>
    public IReadOnlyCollection<IncidentRecord> Records => [.. _records.Values];

    /// <inheritdoc/>
    public ValueTask<IncidentRecord?> FindAsync(string incidentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_records.GetValueOrDefault(incidentId));

    /// <inheritdoc/>
    public ValueTask<IncidentRecordResult> RecordAsync(IncidentRecord incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        bool created = _records.TryAdd(incident.Id, incident);
        return ValueTask.FromResult(new IncidentRecordResult(_records[incident.Id], created));
    }

    /// <inheritdoc/>
    public ValueTask<IncidentRecord> SetEventIdAsync(string incidentId, string eventId, CancellationToken cancellationToken)
    {
        var stored = _records.AddOrUpdate(
            incidentId,
            id => throw new KeyNotFoundException($"no incident {id} is recorded"),
            (_, existing) => existing.EventId is null ? existing with { EventId = eventId } : existing);
        return ValueTask.FromResult(stored);
    }
}
