using System.Text.Json.Nodes;
using EksOps.IncidentStore;

namespace EksOps.AlarmIngest.Tests;

/// <summary>An incident store that counts the calls made to it, by method, and passes them to another store.</summary>
internal sealed class CountingIncidentStore(IIncidentStore inner) : IIncidentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>How many calls were made, in all.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _calls.Values.Sum();
            }
        }
    }

    public Task<CorrelationResult> OpenOrJoinAsync(IncidentRecord candidate, TimeSpan window, CancellationToken cancellationToken) =>
        Count(nameof(OpenOrJoinAsync), inner.OpenOrJoinAsync(candidate, window, cancellationToken));

    public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken cancellationToken) =>
        Count(nameof(GetAsync), inner.GetAsync(incidentId, cancellationToken));

    public Task<IncidentRecord?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken) =>
        Count(nameof(FindOpenByAlarmAsync), inner.FindOpenByAlarmAsync(alarmArn, cancellationToken));

    public Task<IncidentRecord> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken) =>
        Count(nameof(UpdateAsync), inner.UpdateAsync(incidentId, update, cancellationToken));

    public Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken) =>
        Count(nameof(AppendAsync), inner.AppendAsync(incidentId, entry, cancellationToken));

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken) =>
        Count(nameof(GetTimelineAsync), inner.GetTimelineAsync(incidentId, cancellationToken));

    public Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken) =>
        Count(nameof(FindEntryAsync), inner.FindEntryAsync(incidentId, key, cancellationToken));

    public Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken) =>
        Count(nameof(ClaimAsync), inner.ClaimAsync(incidentId, stepKey, cancellationToken));

    public Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken) =>
        Count(nameof(CompleteAsync), inner.CompleteAsync(incidentId, stepKey, result, cancellationToken));

    public Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Count(nameof(TryConsumeAsync), inner.TryConsumeAsync(key, expiresAt, cancellationToken));

    private T Count<T>(string method, T call)
    {
        lock (_gate)
        {
            _calls[method] = _calls.GetValueOrDefault(method) + 1;
        }

        return call;
    }
}
