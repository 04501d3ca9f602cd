using System.Diagnostics.CodeAnalysis;

namespace EksOps.Incidents;

/// <summary>
/// The ids and meanings of the <see cref="RootCause"/> taxonomy, and conversion between the enum and its kebab-case
/// id (for example <see cref="RootCause.OomKilled"/> ⇄ <c>oom-killed</c>).
/// </summary>
public static class RootCauses
{
    private static readonly Entry[] Entries =
    [
        new(RootCause.AppCrash, "app-crash", "containers exit with an application error (non-OOM exit code) and restart: CrashLoopBackOff"),
        new(RootCause.OomKilled, "oom-killed", "containers are killed for exceeding their memory limit (reason OOMKilled, exit code 137)"),
        new(RootCause.ImagePullError, "image-pull-error", "image cannot be pulled: wrong tag or name, missing repository, registry auth"),
        new(RootCause.ConfigMissing, "config-missing", "CreateContainerConfigError: a referenced ConfigMap, Secret or key does not exist"),
        new(RootCause.UnschedulableResources, "unschedulable-resources", "pods Pending: no node has enough cpu or memory"),
        new(RootCause.UnschedulableConstraints, "unschedulable-constraints", "pods Pending: taints, node selectors or (anti-)affinity exclude every node"),
        new(RootCause.QuotaExceeded, "quota-exceeded", "a ResourceQuota or LimitRange forbids creating pods (FailedCreate)"),
        new(RootCause.ReadinessProbeFailure, "readiness-probe-failure", "pods run but never become Ready; traffic fails"),
        new(RootCause.LivenessProbeFailure, "liveness-probe-failure", "the kubelet kills healthy-looking containers because the liveness probe fails"),
        new(RootCause.PvcPending, "pvc-pending", "a PersistentVolumeClaim cannot be bound or provisioned"),
        new(RootCause.NodeNotReady, "node-not-ready", "a node is NotReady or unreachable; its pods are lost or stuck"),
        new(RootCause.NodePressure, "node-pressure", "memory, disk or PID pressure on a node; evictions"),
        new(RootCause.ServiceNoEndpoints, "service-no-endpoints", "a Service selects no ready pods (selector mismatch, port mismatch)"),
        new(RootCause.BadRollout, "bad-rollout", "a new revision fails where the previous one was healthy"),
        new(RootCause.DependencyUnavailable, "dependency-unavailable", "the workload is healthy but a dependency it calls fails (logs show refused or timed-out connections)"),
        new(RootCause.CapacitySaturation, "capacity-saturation", "load exceeds capacity: CPU throttling, HPA at maxReplicas, latency up"),
        new(RootCause.DnsFailure, "dns-failure", "name resolution fails inside the cluster"),
        new(RootCause.JobFailed, "job-failed", "a Job or CronJob run fails (backoffLimit exceeded, deadline exceeded)"),
        new(RootCause.Unknown, "unknown", "the evidence does not support a conclusion; the right action is to escalate with what was found"),
    ];

    /// <summary>Every root cause, in the order of the taxonomy table.</summary>
    public static IReadOnlyList<RootCause> All { get; } = Array.AsReadOnly(Array.ConvertAll(Entries, e => e.Value));

    /// <summary>Every root-cause id (<c>app-crash</c> … <c>unknown</c>), in the order of the taxonomy table.</summary>
    public static IReadOnlyList<string> Ids { get; } = Array.AsReadOnly(Array.ConvertAll(Entries, e => e.Id));

    /// <summary>The kebab-case id of a root cause, for example <c>oom-killed</c>.</summary>
    /// <param name="cause">The root cause.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cause"/> is not a defined value.</exception>
    public static string Id(this RootCause cause) => Get(cause).Id;

    /// <summary>What the root cause means, as the taxonomy table gives it.</summary>
    /// <param name="cause">The root cause.</param>
    /// <returns>The one-line meaning.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cause"/> is not a defined value.</exception>
    public static string Description(this RootCause cause) => Get(cause).Description;

    /// <summary>
    /// Reads a kebab-case root-cause id. The match is exact and case-sensitive: <c>oom-killed</c> is accepted,
    /// <c>OOM-Killed</c>, <c>OomKilled</c> and <c> oom-killed</c> are not.
    /// </summary>
    /// <param name="id">The id, or <see langword="null"/>.</param>
    /// <param name="cause">The root cause when the id is known; otherwise <see cref="RootCause.Unknown"/>.</param>
    /// <returns>Whether <paramref name="id"/> is one of <see cref="Ids"/>.</returns>
    public static bool TryParse([NotNullWhen(true)] string? id, out RootCause cause)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Id, id, StringComparison.Ordinal))
            {
                cause = entry.Value;
                return true;
            }
        }

        cause = RootCause.Unknown;
        return false;
    }

    /// <summary>Reads a kebab-case root-cause id (see <see cref="TryParse(string?, out RootCause)"/>).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The root cause.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="id"/> is not a root-cause id; the message lists the valid ones.</exception>
    public static RootCause Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParse(id, out var cause)
            ? cause
            : throw new FormatException("expected a root-cause id (" + string.Join(", ", Ids) + ") but found \"" + id + "\"");
    }

    private static Entry Get(RootCause cause)
    {
        int index = (int)cause;
        return index >= 0 && index < Entries.Length
            ? Entries[index]
            : throw new ArgumentOutOfRangeException(nameof(cause), cause, "not a defined root cause");
    }

    private sealed record Entry(RootCause Value, string Id, string Description);
}
