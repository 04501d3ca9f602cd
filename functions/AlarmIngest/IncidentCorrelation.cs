namespace EksOps.AlarmIngest;

/// <summary>How an alarm entering <c>ALARM</c> met the incident store.</summary>
public enum IncidentCorrelation
{
    /// <summary>It opened a new incident.</summary>
    Created,

    /// <summary>
    /// An incident already held it: another alarm on the same workload within the window (the incident id differs from
    /// the execution name), or this same transition delivered before (they are equal).
    /// </summary>
    Joined,
}
