namespace EksOps.IncidentStore;

/// <summary>Where an incident stands. <see cref="Resolved"/> and <see cref="Escalated"/> close it.</summary>
public enum IncidentStatus
{
    /// <summary>Opened by an alarm; being investigated.</summary>
    Open,

    /// <summary>A change is planned and waits for a human's decision.</summary>
    AwaitingApproval,

    /// <summary>The change is being applied or verified.</summary>
    Remediating,

    /// <summary>The change is applied and verified in place; the alarm has not returned to OK yet.</summary>
    Monitoring,

    /// <summary>The alarm returned to OK, or verification saw the workload recover.</summary>
    Resolved,

    /// <summary>Handed to a human: nothing safe to do, denied, timed out, failed or not recovered.</summary>
    Escalated,
}
