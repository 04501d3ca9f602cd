namespace EksOps.Tools.Actions;

/// <summary>
/// The incident store as <c>create_incident</c> needs it. Both writes are conditional so retries are harmless: a
/// second <see cref="RecordAsync"/> of an id returns the record already stored, and <see cref="SetEventIdAsync"/> keeps
/// the first event id. <see cref="InMemoryIncidentRecorder"/> keeps records in this process;
/// <c>EksOps.Tools.Hosting.IncidentStoreRecorder</c> keeps them in the flow's incident store (DynamoDB).
/// </summary>
public interface IIncidentRecorder
{
    /// <summary>The record with this id, if there is one.</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<IncidentRecord?> FindAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Stores the record unless one with its id exists.</summary>
    /// <param name="incident">The record (without an event id).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record and whether this call created it.</returns>
    ValueTask<IncidentRecordResult> RecordAsync(IncidentRecord incident, CancellationToken cancellationToken);

    /// <summary>Sets the record's event id unless it has one; returns the record as stored (with the first event id set).</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="eventId">The id EventBridge gave the <c>Incident Opened</c> event.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="KeyNotFoundException">No record has the id.</exception>
    ValueTask<IncidentRecord> SetEventIdAsync(string incidentId, string eventId, CancellationToken cancellationToken);
}
