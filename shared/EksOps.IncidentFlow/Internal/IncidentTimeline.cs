using System.Text.Json.Nodes;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Internal;

/// <summary>One incident's record and timeline as a step sees them: the store calls with the incident id, the clock and the invocation's cancellation.</summary>
internal sealed class IncidentTimeline(IIncidentStore store, string incidentId, TimeProvider time, CancellationToken cancellationToken)
{
    public string IncidentId { get; } = incidentId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public DateTimeOffset Now => time.GetUtcNow();

    public Task<IncidentRecord?> FindRecordAsync() => store.GetAsync(IncidentId, CancellationToken);

    /// <exception cref="IncidentNotFoundException">The store has no such incident.</exception>
    public async Task<IncidentRecord> RecordAsync() =>
        await store.GetAsync(IncidentId, CancellationToken).ConfigureAwait(false)
        ?? throw new IncidentNotFoundException($"the incident store has no incident {IncidentId}");

    public Task<TimelineEntry?> EntryAsync(string key) => store.FindEntryAsync(IncidentId, key, CancellationToken);

    public async Task<JsonObject?> DataAsync(string key) => (await EntryAsync(key).ConfigureAwait(false))?.Data;

    public Task<IReadOnlyList<TimelineEntry>> AllAsync() => store.GetTimelineAsync(IncidentId, CancellationToken);

    /// <summary>Appends an entry stamped now unless one with the key exists.</summary>
    public Task<bool> AppendAsync(string key, TimelineKind kind, string summary, JsonObject? data) =>
        store.AppendAsync(IncidentId, new TimelineEntry { Key = key, Kind = kind, At = Now, Summary = summary, Data = data }, CancellationToken);

    public Task<IncidentRecord> UpdateAsync(IncidentUpdate update) => store.UpdateAsync(IncidentId, update, CancellationToken);

    public Task<StepClaim> ClaimAsync(string key) => store.ClaimAsync(IncidentId, key, CancellationToken);

    public Task CompleteAsync(string key, JsonObject result) => store.CompleteAsync(IncidentId, key, result, CancellationToken);
}
