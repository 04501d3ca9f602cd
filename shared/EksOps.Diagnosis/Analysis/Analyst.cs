using System.Globalization;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Resolution;
using EksOps.Incidents;

namespace EksOps.Diagnosis.Analysis;

/// <summary>
/// The deterministic analyst: weighs the findings about the investigated objects into root-cause hypotheses (taxonomy
/// ids) with a confidence, from the most specific Kubernetes signal to the least, and picks the subject each cause is
/// about. A cause without support stays out; when nothing is supported the answer is <see cref="RootCause.Unknown"/>.
/// </summary>
internal sealed class Analyst(InvestigationScope scope, IReadOnlyList<Finding> findings)
{
    /// <summary>Below this the evidence does not support a conclusion.</summary>
    public const double ConclusionThreshold = 0.5;

    private List<Finding> Relevant { get; } = [.. findings.Where(f => IsRelevant(f, scope))];

    public IReadOnlyList<Hypothesis> Rank()
    {
        var hypotheses = new List<Hypothesis>();
        var primary = scope.Primary;
        if (primary.Kind == "Node")
        {
            Add(hypotheses, RootCause.NodeNotReady, 0.95, primary, "the node is not Ready", Of(FindingKind.NodeNotReady, primary));
            Add(hypotheses, RootCause.NodePressure, 0.9, primary, "the node reports resource pressure and evicts pods", Of(FindingKind.NodePressure, primary).Concat(Of(FindingKind.PodEvicted)));
        }
        else if (primary.Kind == "Service" && Of(FindingKind.ServiceWithoutEndpoints, primary).Any(f => f.Details.GetValueOrDefault("selectedPodsSeen") == "0" && f.Details.GetValueOrDefault("notReady") == "0"))
        {
            Add(hypotheses, RootCause.ServiceNoEndpoints, 0.9, primary, "the Service selects no pods, so it has no endpoints",
                Of(FindingKind.ServiceWithoutEndpoints, primary).Concat(Of(FindingKind.ServiceSelectorMismatch, primary)));
        }

        if (!primary.IsCluster && primary.Kind != "Node")
        {
            RankWorkload(hypotheses, primary);
        }

        return [.. hypotheses.OrderByDescending(h => h.Confidence).ThenBy(h => (int)h.RootCause)];
    }

    private void RankWorkload(List<Hypothesis> hypotheses, ObjectRef workload)
    {
        var regression = Of(FindingKind.RolloutRegression, workload).ToList();
        Add(hypotheses, RootCause.ImagePullError, 0.95, workload, "its pods cannot pull their image", Of(FindingKind.ImagePullFailure).Concat(regression), requires: FindingKind.ImagePullFailure);
        Add(hypotheses, RootCause.ConfigMissing, 0.95, workload, "its containers reference a ConfigMap, Secret or key that does not exist", Of(FindingKind.ContainerConfigError));
        Add(hypotheses, RootCause.PvcPending, 0.92, workload, "its pods wait for a PersistentVolumeClaim that cannot be bound or provisioned",
            Of(FindingKind.UnschedulableVolume).Concat(Of(FindingKind.PvcPending)), requires: FindingKind.UnschedulableVolume, alternative: FindingKind.PvcPending);
        Add(hypotheses, RootCause.QuotaExceeded, 0.92, workload, "a ResourceQuota refuses its new pods",
            Of(FindingKind.QuotaExceeded).Where(f => f.Details.GetValueOrDefault("source") == "refusal").Concat(Of(FindingKind.QuotaExceeded).Where(f => f.Details.GetValueOrDefault("source") == "usage")),
            requiresDetail: ("source", "refusal"));
        Add(hypotheses, RootCause.UnschedulableResources, 0.9, workload, "no node has enough cpu or memory for its pending pods", Of(FindingKind.UnschedulableResources));
        Add(hypotheses, RootCause.UnschedulableConstraints, 0.9, workload, "taints, node selectors or affinity exclude every node for its pending pods", Of(FindingKind.UnschedulableConstraints));

        var oom = Of(FindingKind.OomKilled).ToList();
        Add(hypotheses, RootCause.OomKilled, oom.Count > 0 && Of(FindingKind.LogOutOfMemory).Any() ? 0.95 : 0.9, workload,
            "its containers are killed for exceeding their memory limit", oom.Concat(Of(FindingKind.LogOutOfMemory)), requires: FindingKind.OomKilled);

        var liveness = Of(FindingKind.LivenessProbeFailing).Where(f => f.Details.GetValueOrDefault("restartsByKubelet") is { } n && n != "0").ToList();
        Add(hypotheses, RootCause.LivenessProbeFailure, 0.88, workload, "the kubelet restarts its containers because the liveness probe fails", liveness);

        // Application errors: exits with a non-zero code that neither the OOM killer nor a failed liveness probe caused.
        var killedPods = liveness.Select(f => f.About).ToHashSet();
        var crashes = Of(FindingKind.ContainerExitedWithError).Concat(Of(FindingKind.CrashLoopBackOff).Where(f => f.Details.GetValueOrDefault("lastReason") != "OOMKilled"))
            .Where(f => !killedPods.Contains(f.About))
            .ToList();
        var crashLogs = Of(FindingKind.LogCrash).Where(f => f.Details.GetValueOrDefault("previous") == "true" || crashes.Any(c => c.About == f.About)).ToList();
        Add(hypotheses, RootCause.AppCrash, crashLogs.Count > 0 ? 0.86 : 0.8, workload, "its containers exit with an application error and restart", crashes.Concat(crashLogs));

        var readiness = Of(FindingKind.ReadinessProbeFailing).Where(f => f.Details.GetValueOrDefault("onlyWhileStarting") != "true").ToList();
        var notServing = crashes.Count == 0 && liveness.Count == 0 && oom.Count == 0;
        Add(hypotheses, RootCause.ReadinessProbeFailure, notServing ? 0.85 : 0.6, workload, "its pods run but never become Ready, so they receive no traffic", readiness);

        if (regression.Count > 0)
        {
            var failing = hypotheses.Where(h => h.RootCause is RootCause.AppCrash or RootCause.ReadinessProbeFailure or RootCause.LivenessProbeFailure && h.Subject == workload).ToList();
            if (failing.Count > 0)
            {
                Add(hypotheses, RootCause.BadRollout, 0.93, workload, "the newest revision fails where the previous one was healthy",
                    regression.Concat(failing.SelectMany(h => Relevant.Where(f => h.FindingIds.Contains(f.Id)))));
            }
        }

        var dns = Of(FindingKind.LogDnsFailure).ToList();
        if (dns.Count > 0)
        {
            var clusterDns = findings.Where(f => f.Kind == FindingKind.ClusterDnsUnavailable).ToList();
            Add(hypotheses, RootCause.DnsFailure, clusterDns.Count > 0 ? 0.9 : 0.75, clusterDns.Count > 0 ? clusterDns[0].About : workload,
                clusterDns.Count > 0 ? "the cluster DNS has no ready replicas, so the workload's name lookups fail" : "name resolution fails inside the cluster",
                dns.Concat(clusterDns).Concat(findings.Where(f => clusterDns.Count > 0 && f.About.Namespace == clusterDns[0].About.Namespace
                    && f.About.Name.StartsWith(clusterDns[0].About.Name + "-", StringComparison.Ordinal) && f.Kind is FindingKind.CrashLoopBackOff or FindingKind.LogCrash)));
        }

        // A dependency outage shows as failed connections from pods that are otherwise healthy.
        var connections = Of(FindingKind.LogConnectionFailure).ToList();
        if (connections.Count > 0 && crashes.Count == 0 && oom.Count == 0)
        {
            var host = connections.Select(f => f.Details.GetValueOrDefault("host")).OfType<string>().GroupBy(h => h, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            Add(hypotheses, RootCause.DependencyUnavailable, 0.8, workload, $"its pods fail to reach a dependency{(host is null ? string.Empty : " (" + host + ")")}", connections);
        }

        var cpu = Of(FindingKind.CpuSaturation).ToList();
        var atMax = Of(FindingKind.HpaAtMaxReplicas).ToList();
        if (cpu.Count > 0 && connections.Count == 0)
        {
            var subject = atMax.Count > 0 ? atMax[0].About : workload;
            Add(hypotheses, RootCause.CapacitySaturation, atMax.Count > 0 ? 0.85 : 0.78, subject,
                atMax.Count > 0 ? "its pods run at their cpu limit and the autoscaler is at maxReplicas" : "its pods run at their cpu limit under the current load", cpu.Concat(atMax));
        }

        var notReadyNodes = Relevant.Where(f => f.Kind == FindingKind.NodeNotReady).ToList();
        if (notReadyNodes.Count > 0)
        {
            Add(hypotheses, RootCause.NodeNotReady, 0.85, notReadyNodes[0].About, "the node its failing pods run on is not Ready", notReadyNodes);
        }

        if (workload.Kind is "Job" or "CronJob")
        {
            Add(hypotheses, RootCause.JobFailed, 0.93, workload, "the job run failed", Of(FindingKind.JobFailed).Concat(crashLogs).Concat(Of(FindingKind.ContainerExitedWithError)), requires: FindingKind.JobFailed);
        }
    }

    /// <summary>Adds a hypothesis when there is support (and, optionally, support of a required kind or detail).</summary>
    private static void Add(
        List<Hypothesis> hypotheses, RootCause cause, double confidence, ObjectRef subject, string rationale, IEnumerable<Finding> support,
        FindingKind? requires = null, FindingKind? alternative = null, (string Key, string Value)? requiresDetail = null)
    {
        var list = support.DistinctBy(f => f.Id).ToList();
        if (list.Count == 0
            || (requires is { } kind && !list.Any(f => f.Kind == kind || (alternative is { } other && f.Kind == other)))
            || (requiresDetail is { } detail && !list.Any(f => f.Details.GetValueOrDefault(detail.Key) == detail.Value))
            || hypotheses.Any(h => h.RootCause == cause))
        {
            return;
        }

        // More independent objects showing the same thing make it more certain, up to a point.
        var objects = list.Select(f => f.About).Distinct().Count();
        var boosted = Math.Min(0.99, confidence + (Math.Min(objects, 4) - 1) * 0.01);
        hypotheses.Add(new Hypothesis
        {
            RootCause = cause,
            Confidence = Math.Round(boosted, 2),
            Subject = subject,
            Rationale = string.Create(CultureInfo.InvariantCulture, $"{subject}: {rationale}"),
            FindingIds = [.. list.Select(f => f.Id)],
        });
    }

    private IEnumerable<Finding> Of(FindingKind kind) => Relevant.Where(f => f.Kind == kind);

    private IEnumerable<Finding> Of(FindingKind kind, ObjectRef about) => Relevant.Where(f => f.Kind == kind && f.About == about);

    /// <summary>Findings about the investigated objects (and, for metric series, about the workload by name).</summary>
    private static bool IsRelevant(Finding finding, InvestigationScope scope)
    {
        if (scope.Contains(finding.About))
        {
            return true;
        }

        if (finding.About.Kind == "Workload")
        {
            return finding.About.Namespace == scope.Primary.Namespace && finding.About.Name == scope.Primary.Name;
        }

        // Pods of the workload that no longer exist still have events and logs (their names start with its ReplicaSets' or Jobs' names).
        return finding.About.Kind == "Pod" && scope.Related.Any(r => r.Kind is "ReplicaSet" or "Job" or "StatefulSet" && r.Namespace == finding.About.Namespace
            && finding.About.Name.StartsWith(r.Name + "-", StringComparison.Ordinal));
    }
}
