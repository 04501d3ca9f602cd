namespace EksOps.Incidents;

/// <summary>
/// The root-cause taxonomy of the incident scenario format: what a correct investigation concludes. Each value has a
/// kebab-case id (<see cref="RootCauses.Id(RootCause)"/>), the form scenarios, reports and agents use.
/// </summary>
/// <remarks>The order is the order of the taxonomy table; <see cref="RootCauses.All"/> lists every value in it.</remarks>
public enum RootCause
{
    /// <summary><c>app-crash</c>: containers exit with an application error (non-OOM exit code) and restart: CrashLoopBackOff.</summary>
    AppCrash,

    /// <summary><c>oom-killed</c>: containers are killed for exceeding their memory limit (reason OOMKilled, exit code 137).</summary>
    OomKilled,

    /// <summary><c>image-pull-error</c>: image cannot be pulled: wrong tag or name, missing repository, registry auth.</summary>
    ImagePullError,

    /// <summary><c>config-missing</c>: CreateContainerConfigError: a referenced ConfigMap, Secret or key does not exist.</summary>
    ConfigMissing,

    /// <summary><c>unschedulable-resources</c>: pods Pending: no node has enough cpu or memory.</summary>
    UnschedulableResources,

    /// <summary><c>unschedulable-constraints</c>: pods Pending: taints, node selectors or (anti-)affinity exclude every node.</summary>
    UnschedulableConstraints,

    /// <summary><c>quota-exceeded</c>: a ResourceQuota or LimitRange forbids creating pods (FailedCreate).</summary>
    QuotaExceeded,

    /// <summary><c>readiness-probe-failure</c>: pods run but never become Ready; traffic fails.</summary>
    ReadinessProbeFailure,

    /// <summary><c>liveness-probe-failure</c>: the kubelet kills healthy-looking containers because the liveness probe fails.</summary>
    LivenessProbeFailure,

    /// <summary><c>pvc-pending</c>: a PersistentVolumeClaim cannot be bound or provisioned.</summary>
    PvcPending,

    /// <summary><c>node-not-ready</c>: a node is NotReady or unreachable; its pods are lost or stuck.</summary>
    NodeNotReady,

    /// <summary><c>node-pressure</c>: memory, disk or PID pressure on a node; evictions.</summary>
    NodePressure,

    /// <summary><c>service-no-endpoints</c>: a Service selects no ready pods (selector mismatch, port mismatch).</summary>
    ServiceNoEndpoints,

    /// <summary><c>bad-rollout</c>: a new revision fails where the previous one was healthy.</summary>
    BadRollout,

    /// <summary><c>dependency-unavailable</c>: the workload is healthy but a dependency it calls fails (logs show refused or timed-out connections).</summary>
    DependencyUnavailable,

    /// <summary><c>capacity-saturation</c>: load exceeds capacity: CPU throttling, HPA at maxReplicas, latency up.</summary>
    CapacitySaturation,

    /// <summary><c>dns-failure</c>: name resolution fails inside the cluster.</summary>
    DnsFailure,

    /// <summary><c>job-failed</c>: a Job or CronJob run fails (backoffLimit exceeded, deadline exceeded).</summary>
    JobFailed,

    /// <summary><c>unknown</c>: the evidence does not support a conclusion; the right action is to escalate with what was found.</summary>
    Unknown,
}
