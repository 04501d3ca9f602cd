namespace EksOps.IncidentStore;

/// <summary>Questions about an <see cref="IncidentStatus"/>.</summary>
public static class IncidentStatusExtensions
{
    /// <summary>Whether the status closes the incident (<see cref="IncidentStatus.Resolved"/> or <see cref="IncidentStatus.Escalated"/>).</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for a closed incident.</returns>
    public static bool IsClosed(this IncidentStatus status) => status is IncidentStatus.Resolved or IncidentStatus.Escalated;
}
