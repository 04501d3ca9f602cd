namespace EksOps.Tools.Actions;

/// <summary>What <see cref="IIncidentRecorder.RecordAsync"/> did.</summary>
/// <param name="Stored">The record as stored: the new one, or the one that already had its id.</param>
/// <param name="Created">Whether this call created it.</param>
public sealed record IncidentRecordResult(IncidentRecord Stored, bool Created);
