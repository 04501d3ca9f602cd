using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Probe failures from the kubelet's <c>Unhealthy</c> events, restarts it makes for failed liveness probes
/// (<c>Killing</c> … failed liveness probe), and load balancer readiness gates that stay false.
/// </summary>
internal sealed class ProbeAnalyzer : IAnalyzer
{
    public string Name => "probes";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var group in snapshot.Events.Where(e => e.Involved.Kind == "Pod" && snapshot.InWindow(e.LastSeen)).GroupBy(e => e.Involved))
        {
            var liveness = group.Where(e => (e.Reason == "Unhealthy" && e.Message.StartsWith("Liveness probe", StringComparison.OrdinalIgnoreCase))
                                            || (e.Reason == "Killing" && e.Message.Contains("liveness probe", StringComparison.OrdinalIgnoreCase))).ToList();
            if (liveness.Count > 0)
            {
                var killed = liveness.Where(e => e.Reason == "Killing").Sum(e => e.Count);
                var sample = liveness.FirstOrDefault(e => e.Reason == "Unhealthy") ?? liveness[0];
                yield return Found.Make(Name, FindingKind.LivenessProbeFailing, group.Key,
                    $"{group.Key}: {sample.Message} (x{liveness.Where(e => e.Reason == "Unhealthy").Sum(e => e.Count)}); the kubelet restarted the container {killed} time(s) for it",
                    liveness.Select(e => e.EvidenceId), ("restartsByKubelet", killed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            var readiness = group.Where(e => e.Reason == "Unhealthy" && e.Message.StartsWith("Readiness probe", StringComparison.OrdinalIgnoreCase)).ToList();
            if (readiness.Count > 0)
            {
                var refused = readiness.All(e => e.Message.Contains("connection refused", StringComparison.OrdinalIgnoreCase));
                yield return Found.Make(Name, FindingKind.ReadinessProbeFailing, group.Key,
                    $"{group.Key}: {readiness[0].Message} (x{readiness.Sum(e => e.Count)})", readiness.Select(e => e.EvidenceId),
                    // "connection refused" is what a container that is still starting (or restarting) answers; it is weak evidence.
                    ("onlyWhileStarting", refused ? "true" : "false"));
            }
        }

        foreach (var pod in snapshot.OfKind("Pod").Where(p => JsonFields.Str(p.Object, "status", "phase") == "Running"))
        {
            foreach (var gate in JsonFields.Objects(pod.Object, "status", "conditions").Where(c => JsonFields.Str(c, "type")?.Contains('/', StringComparison.Ordinal) == true && JsonFields.Str(c, "status") == "False"))
            {
                yield return Found.Make(Name, FindingKind.ReadinessProbeFailing, pod.Ref,
                    $"{pod.Ref} readiness gate {JsonFields.Str(gate, "type")} is False: {JsonFields.Str(gate, "reason")} {JsonFields.Str(gate, "message")}".TrimEnd(), pod.EvidenceId, ("gate", JsonFields.Str(gate, "type")));
            }
        }
    }
}
