using System.Text.Json.Nodes;

namespace EksOps.IncidentStore;

/// <summary>
/// Where an incident lives from the alarm that opened it to its report: the incident record, its timeline, the
/// correlation that folds an alarm storm into one incident, once-only claims that keep a retried step from acting
/// twice, and single-use keys for approval links. Every write is conditional, so any call may be retried.
/// </summary>
public interface IIncidentStore
{
    /// <summary>
    /// Opens <paramref name="candidate"/> unless an incident already holds its correlation key (within its window) or
    /// its id: the first caller creates the record and the correlation; every other caller gets the incident that
    /// won and <see cref="CorrelationResult.Created"/> <see langword="false"/>.
    /// </summary>
    /// <param name="candidate">The incident to open (status <see cref="IncidentStatus.Open"/>).</param>
    /// <param name="window">How long after opening further alarms on the same correlation key join this incident.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident that holds the key, and whether this call created it.</returns>
    Task<CorrelationResult> OpenOrJoinAsync(IncidentRecord candidate, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The incident with this id, if there is one.</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>The latest incident opened for this alarm that is not yet closed (resolved or escalated), if any.</summary>
    /// <param name="alarmArn">The alarm ARN.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    Task<IncidentRecord?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="update"/> to the incident record (status and summary fields); a no-op update is harmless.</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="update">The fields to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record as stored afterwards.</returns>
    /// <exception cref="KeyNotFoundException">No incident has the id.</exception>
    Task<IncidentRecord> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken);

    /// <summary>Appends a timeline entry unless one with its <see cref="TimelineEntry.Key"/> exists (so a retried step writes it once).</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if this call added it.</returns>
    Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>The incident's timeline, oldest first (by <see cref="TimelineEntry.At"/>, then key).</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>The timeline entry with this key, if there is one.</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="key">The entry key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a once-only step (for example applying a change): the first caller gets <see cref="StepClaimState.Claimed"/>
    /// and must call <see cref="CompleteAsync"/>; later callers get <see cref="StepClaimState.Completed"/> with the stored
    /// result, or <see cref="StepClaimState.InProgress"/> while the first caller has not completed.
    /// </summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="stepKey">What is claimed (for example <c>apply:&lt;patch hash&gt;</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claim.</returns>
    Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken);

    /// <summary>Marks a claimed step completed with its result; completing twice keeps the first result.</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="stepKey">The claimed step.</param>
    /// <param name="result">What the step produced, returned to later claimers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the result is stored.</returns>
    Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken);

    /// <summary>Consumes a single-use key (for example an approval link's nonce): <see langword="true"/> the first time, <see langword="false"/> after.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expiresAt">When the key's record may be deleted (TTL); after it the key could be used again, so make it outlive what it guards.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call consumed it.</returns>
    Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
