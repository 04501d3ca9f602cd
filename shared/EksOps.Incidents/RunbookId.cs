namespace EksOps.Incidents;

/// <summary>
/// The runbook catalogue: every remediation EksOps can propose. Each value has a kebab-case id
/// (<see cref="Runbooks.Id(RunbookId)"/>); a runbook acts on the incident's subject.
/// </summary>
/// <remarks>The order is the order of the catalogue table; <see cref="Runbooks.All"/> lists every value in it.</remarks>
public enum RunbookId
{
    /// <summary><c>restart-rollout</c>: rollout restart of a Deployment/StatefulSet/DaemonSet.</summary>
    RestartRollout,

    /// <summary><c>rollback-deployment</c>: roll a Deployment back to its previous healthy revision.</summary>
    RollbackDeployment,

    /// <summary><c>scale-deployment</c>: change replicas (within bounds set by policy).</summary>
    ScaleDeployment,

    /// <summary><c>increase-memory-limit</c>: raise a container's memory request/limit (bounded step).</summary>
    IncreaseMemoryLimit,

    /// <summary><c>increase-cpu-limit</c>: raise a container's cpu request/limit (bounded step).</summary>
    IncreaseCpuLimit,

    /// <summary><c>raise-hpa-max</c>: raise a HorizontalPodAutoscaler's maxReplicas (bounded step).</summary>
    RaiseHpaMax,

    /// <summary><c>delete-pod</c>: delete one pod so its controller recreates it.</summary>
    DeletePod,

    /// <summary><c>cordon-node</c>: mark a node unschedulable.</summary>
    CordonNode,

    /// <summary><c>drain-node</c>: cordon and evict pods from a node.</summary>
    DrainNode,

    /// <summary><c>escalate</c>: no automatic action: page a human with the findings.</summary>
    Escalate,
}
