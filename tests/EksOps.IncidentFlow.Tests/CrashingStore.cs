using System.Text.Json.Nodes;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Tests;

/// <summary>
/// An incident store whose first completion of a claim with the given prefix fails as if the invocation died right
/// there (after the step's work, before it was recorded); everything else goes to the real store.
/// </summary>
internal sealed class CrashingStore(IIncidentStore inner, string stepKeyPrefix) : IIncidentStore
{
    private int _crashed;

    public Task<CorrelationResult> OpenOrJoinAsync(IncidentRecord candidate, TimeSpan window, CancellationToken cancellationToken) => inner.OpenOrJoinAsync(candidate, window, cancellationToken);

    public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken cancellationToken) => inner.GetAsync(incidentId, cancellationToken);

    public Task<IncidentRecord?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken) => inner.FindOpenByAlarmAsync(alarmArn, cancellationToken);

    public Task<IncidentRecord> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken) => inner.UpdateAsync(incidentId, update, cancellationToken);

    public Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken) => inner.AppendAsync(incidentId, entry, cancellationToken);

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken) => inner.GetTimelineAsync(incidentId, cancellationToken);

    public Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken) => inner.FindEntryAsync(incidentId, key, cancellationToken);

    public Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken) => inner.ClaimAsync(incidentId, stepKey, cancellationToken);

    public Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken) =>
        stepKey.StartsWith(stepKeyPrefix, StringComparison.Ordinal) && Interlocked.Exchange(ref _crashed, 1) == 0
            ? throw new IOException("the invocation died before it recorded completing " + stepKey)
            : inner.CompleteAsync(incidentId, stepKey, result, cancellationToken);

    public Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) => inner.TryConsumeAsync(key, expiresAt, cancellationToken);
}
