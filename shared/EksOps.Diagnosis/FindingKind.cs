namespace EksOps.Diagnosis;

/// <summary>What an analyzer observed. Each kind is a fact about one object, not yet a conclusion.</summary>
public enum FindingKind
{
    /// <summary>A container is waiting in CrashLoopBackOff.</summary>
    CrashLoopBackOff,

    /// <summary>A container recently exited with a non-zero, non-OOM exit code.</summary>
    ContainerExitedWithError,

    /// <summary>A container was recently killed for exceeding its memory limit (OOMKilled, exit code 137).</summary>
    OomKilled,

    /// <summary>An image cannot be pulled (ErrImagePull, ImagePullBackOff, InvalidImageName).</summary>
    ImagePullFailure,

    /// <summary>A container cannot be created from its configuration: a missing ConfigMap, Secret or key.</summary>
    ContainerConfigError,

    /// <summary>A pod is Pending because no node has enough cpu, memory or pods capacity.</summary>
    UnschedulableResources,

    /// <summary>A pod is Pending because taints, node selectors or (anti-)affinity exclude every node.</summary>
    UnschedulableConstraints,

    /// <summary>A pod is Pending because its volumes cannot be bound or provisioned.</summary>
    UnschedulableVolume,

    /// <summary>A pod was evicted by the kubelet (node pressure).</summary>
    PodEvicted,

    /// <summary>Readiness probes fail (Unhealthy events) or running containers stay not ready.</summary>
    ReadinessProbeFailing,

    /// <summary>Liveness probes fail and the kubelet restarts the container.</summary>
    LivenessProbeFailing,

    /// <summary>A workload has fewer available replicas than desired.</summary>
    ReplicasUnavailable,

    /// <summary>A Deployment's rollout stalled (ProgressDeadlineExceeded).</summary>
    ProgressDeadlineExceeded,

    /// <summary>A controller cannot create pods (FailedCreate, ReplicaFailure) for a reason other than a quota.</summary>
    FailedCreate,

    /// <summary>A ResourceQuota (or LimitRange) forbids creating pods.</summary>
    QuotaExceeded,

    /// <summary>A PersistentVolumeClaim is Pending or its provisioning fails.</summary>
    PvcPending,

    /// <summary>A Service selects no ready pods.</summary>
    ServiceWithoutEndpoints,

    /// <summary>A Service's selector matches no pod although pods that look like its backends exist.</summary>
    ServiceSelectorMismatch,

    /// <summary>A node is NotReady or unreachable.</summary>
    NodeNotReady,

    /// <summary>A node reports memory, disk or PID pressure, or the kubelet evicts pods to reclaim resources.</summary>
    NodePressure,

    /// <summary>An autoscaler runs at its maxReplicas.</summary>
    HpaAtMaxReplicas,

    /// <summary>A Job failed (backoffLimit or activeDeadlineSeconds exceeded).</summary>
    JobFailed,

    /// <summary>A log shows out-of-memory errors.</summary>
    LogOutOfMemory,

    /// <summary>A log shows a crash: a stack trace, a panic, a fatal error or a failed start.</summary>
    LogCrash,

    /// <summary>A log shows refused, reset or timed-out connections to a named host.</summary>
    LogConnectionFailure,

    /// <summary>A log shows name resolution failures.</summary>
    LogDnsFailure,

    /// <summary>The newest revision of a Deployment fails where the previous one was healthy.</summary>
    RolloutRegression,

    /// <summary>Pods use nearly all of their cpu limit while latency or load is up.</summary>
    CpuSaturation,

    /// <summary>A cluster add-on the workload depends on (CoreDNS) is unavailable.</summary>
    ClusterDnsUnavailable,
}
