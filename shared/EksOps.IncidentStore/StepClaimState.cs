namespace EksOps.IncidentStore;

/// <summary>The outcome of claiming a once-only step.</summary>
public enum StepClaimState
{
    /// <summary>This caller claimed it and must complete it.</summary>
    Claimed,

    /// <summary>It was completed before; its result is returned.</summary>
    Completed,

    /// <summary>Another caller claimed it and has not completed it.</summary>
    InProgress,
}
