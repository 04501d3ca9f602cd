namespace EksOps.IncidentStore;

/// <summary>The answer of <see cref="IIncidentStore.OpenOrJoinAsync"/>.</summary>
/// <param name="Incident">The incident that holds the correlation key (the candidate if <paramref name="Created"/>).</param>
/// <param name="Created">Whether this call opened it.</param>
public sealed record CorrelationResult(IncidentRecord Incident, bool Created);
