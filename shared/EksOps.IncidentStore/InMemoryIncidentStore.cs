using System.Text.Json.Nodes;

namespace EksOps.IncidentStore;

/// <summary>
/// The embedded incident store: everything in this process's memory, behind one lock, with the same answers as the
/// DynamoDB store (the contract tests run against both). For local runs (<c>eksops replay</c>) and tests; it keeps
/// nothing across processes and deletes nothing (no retention).
/// </summary>
/// <remarks>
/// Stored JSON (timeline data, claim results) is copied in and copied out, so a caller that changes an object after
/// writing it, or one it read, does not change what is stored. Data is bounded as in DynamoDB (<see cref="TimelineData"/>).
/// </remarks>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _maxDataBytes;
    private readonly Dictionary<string, IncidentRecord> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Correlation> _correlations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _incidentsByAlarm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, TimelineEntry>> _timelines = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Incident, string Step), Claim> _claims = [];
    private readonly Dictionary<string, DateTimeOffset> _consumed = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">The clock for correlation windows, claims and single-use keys; default the system clock.</param>
    /// <param name="maxDataBytes">The limit of a timeline entry's data (see <see cref="TimelineData.Bound"/>).</param>
    public InMemoryIncidentStore(TimeProvider? time = null, int maxDataBytes = TimelineData.DefaultMaxDataBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDataBytes, 4_096);
        _time = time ?? TimeProvider.System;
        _maxDataBytes = maxDataBytes;
    }

    /// <summary>Every incident, oldest first (for a local runner's summary).</summary>
    public IReadOnlyList<IncidentRecord> Incidents
    {
        get
        {
            lock (_gate)
            {
                return [.. _incidents.Values.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];
            }
        }
    }

    /// <inheritdoc/>
    public Task<CorrelationResult> OpenOrJoinAsync(IncidentRecord candidate, TimeSpan window, CancellationToken cancellationToken)
    {
        IncidentStoreArguments.ValidateCandidate(candidate, window);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // The same incident id (the same alarm transition delivered again) wins over the correlation key.
            if (_incidents.TryGetValue(candidate.Id, out var existing))
            {
                return Task.FromResult(new CorrelationResult(Join(existing), Created: false));
            }

            if (_correlations.TryGetValue(candidate.CorrelationKey, out var held) && held.WindowEnd > now)
            {
                return Task.FromResult(new CorrelationResult(Join(_incidents[held.IncidentId]), Created: false));
            }

            _incidents[candidate.Id] = candidate;
            _correlations[candidate.CorrelationKey] = new Correlation(candidate.Id, now + window);
            if (!_incidentsByAlarm.TryGetValue(candidate.AlarmArn, out var ids))
            {
                _incidentsByAlarm[candidate.AlarmArn] = ids = [];
            }

            ids.Add(candidate.Id);
            return Task.FromResult(new CorrelationResult(candidate, Created: true));
        }
    }

    /// <inheritdoc/>
    public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_incidents.GetValueOrDefault(incidentId));
        }
    }

    /// <inheritdoc/>
    public Task<IncidentRecord?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmArn);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_incidentsByAlarm.TryGetValue(alarmArn, out var ids))
            {
                return Task.FromResult<IncidentRecord?>(null);
            }

            // Newest first by the transition that opened it, as the DynamoDB store's alarm pointers sort.
            var open = ids.Select(id => _incidents[id])
                .Where(i => !i.Status.IsClosed())
                .OrderByDescending(i => i.OpenedAt)
                .ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            return Task.FromResult(open);
        }
    }

    /// <inheritdoc/>
    public Task<IncidentRecord> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_incidents.TryGetValue(incidentId, out var current))
            {
                throw new KeyNotFoundException($"No incident has the id '{incidentId}'.");
            }

            var updated = IncidentUpdates.Apply(current, update);
            _incidents[incidentId] = updated;
            return Task.FromResult(updated);
        }
    }

    /// <inheritdoc/>
    public Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(entry);
        TimelineData.ValidateKey(entry.Key, nameof(entry));
        cancellationToken.ThrowIfCancellationRequested();
        var stored = entry with
        {
            Summary = TimelineData.BoundSummary(entry.Summary),
            Data = entry.Data is null ? null : Copy(TimelineData.Bound(entry.Data, _maxDataBytes)),
        };
        lock (_gate)
        {
            if (!_timelines.TryGetValue(incidentId, out var timeline))
            {
                _timelines[incidentId] = timeline = new Dictionary<string, TimelineEntry>(StringComparer.Ordinal);
            }

            return Task.FromResult(timeline.TryAdd(entry.Key, stored));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<TimelineEntry> entries = _timelines.TryGetValue(incidentId, out var timeline)
                ? [.. timeline.Values.OrderBy(e => e.At).ThenBy(e => e.Key, StringComparer.Ordinal).Select(CopyOut)]
                : [];
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc/>
    public Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entry = _timelines.TryGetValue(incidentId, out var timeline) && timeline.TryGetValue(key, out var found) ? CopyOut(found) : null;
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc/>
    public Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        TimelineData.ValidateKey(stepKey, nameof(stepKey));
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_claims.TryGetValue((incidentId, stepKey), out var claim))
            {
                _claims[(incidentId, stepKey)] = new Claim(now, Result: null);
                return Task.FromResult(new StepClaim(StepClaimState.Claimed) { ClaimedAt = now });
            }

            return Task.FromResult(claim.Result is { } result
                ? new StepClaim(StepClaimState.Completed, Copy(result)) { ClaimedAt = claim.ClaimedAt }
                : new StepClaim(StepClaimState.InProgress) { ClaimedAt = claim.ClaimedAt });
        }
    }

    /// <inheritdoc/>
    public Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        TimelineData.ValidateKey(stepKey, nameof(stepKey));
        ArgumentNullException.ThrowIfNull(result);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Copy(TimelineData.Bound(result, _maxDataBytes));
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_claims.TryGetValue((incidentId, stepKey), out var claim))
            {
                if (claim.Result is null)
                {
                    _claims[(incidentId, stepKey)] = claim with { Result = stored };
                }
            }
            else
            {
                // Completing a step nobody claimed records it as done, so later claimers still see the result.
                _claims[(incidentId, stepKey)] = new Claim(now, stored);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        TimelineData.ValidateKey(key, nameof(key));
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_consumed.TryGetValue(key, out var until) && until > now)
            {
                return Task.FromResult(false);
            }

            _consumed[key] = expiresAt;
            return Task.FromResult(true);
        }
    }

    private static JsonObject Copy(JsonObject value) => (JsonObject)value.DeepClone();

    private static TimelineEntry CopyOut(TimelineEntry entry) => entry.Data is null ? entry : entry with { Data = Copy(entry.Data) };

    private IncidentRecord Join(IncidentRecord incident)
    {
        var joined = incident with { CorrelatedAlarms = incident.CorrelatedAlarms + 1 };
        _incidents[incident.Id] = joined;
        return joined;
    }

    private sealed record Correlation(string IncidentId, DateTimeOffset WindowEnd);

    private sealed record Claim(DateTimeOffset ClaimedAt, JsonObject? Result);
}
