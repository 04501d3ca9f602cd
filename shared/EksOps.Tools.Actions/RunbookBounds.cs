namespace EksOps.Tools.Actions;

/// <summary>
/// The bounds <c>execute_runbook</c> enforces on its parameters before it plans anything, so one call can only take a
/// bounded step ("change replicas within bounds", "raise … (bounded step)" in the runbook catalogue). A request
/// outside them fails with the code <c>out_of_bounds</c> and a message naming the allowed range.
/// </summary>
public static class RunbookBounds
{
    /// <summary>The fewest replicas <c>scale-deployment</c> sets: scaling to zero is an outage, not a remediation.</summary>
    public const int MinReplicas = 1;

    /// <summary>The most replicas <c>scale-deployment</c> sets.</summary>
    public const int MaxReplicas = 50;

    /// <summary>The most replicas <c>scale-deployment</c> adds in one step beyond doubling (so 1 → 3 is allowed).</summary>
    public const int MaxReplicaIncrement = 2;

    /// <summary>The largest factor one step of <c>increase-memory-limit</c>, <c>increase-cpu-limit</c> or <c>raise-hpa-max</c> applies.</summary>
    public const decimal MaxStepFactor = 2m;

    /// <summary>The factor those runbooks apply when no target value is given.</summary>
    public const decimal DefaultStepFactor = 1.5m;

    /// <summary>The highest memory limit <c>increase-memory-limit</c> sets: 64Gi, in bytes.</summary>
    public const long MaxMemoryLimitBytes = 64L * 1024 * 1024 * 1024;

    /// <summary>The highest CPU limit <c>increase-cpu-limit</c> sets, in cores.</summary>
    public const int MaxCpuLimitCores = 16;

    /// <summary>The highest <c>maxReplicas</c> <c>raise-hpa-max</c> sets.</summary>
    public const int MaxHpaReplicas = 100;
}
