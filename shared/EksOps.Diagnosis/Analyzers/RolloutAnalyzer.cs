using System.Globalization;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Rollout comparison: a Deployment's newest ReplicaSet has pods that are not ready while the previous revision was
/// healthy, either still serving (the rollout stalled) or replaced shortly before the trouble began without any
/// warnings of its own.
/// </summary>
internal sealed class RolloutAnalyzer : IAnalyzer
{
    /// <summary>A revision rolled out longer ago than this before the incident is not what changed.</summary>
    private static readonly TimeSpan RecentRollout = TimeSpan.FromHours(2);

    private static readonly string[] TroubleReasons = ["BackOff", "Unhealthy", "Failed", "FailedScheduling", "OOMKilling", "FailedMount", "Evicted"];

    public string Name => "rollout";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var deployment in snapshot.OfKind("Deployment"))
        {
            var sets = snapshot.OfKind("ReplicaSet", deployment.Namespace)
                .Where(r => r.Owner is { } owner && owner.Kind == "Deployment" && owner.Name == deployment.Name)
                .OrderByDescending(Revision)
                .ToList();
            if (sets.Count < 2)
            {
                continue;
            }

            var current = sets[0];
            var previous = sets[1];
            var replicas = JsonFields.Long(current.Object, "status", "replicas") ?? 0;
            var ready = JsonFields.Long(current.Object, "status", "readyReplicas") ?? 0;
            if (replicas == 0 || ready >= replicas)
            {
                continue;
            }

            var previousReady = JsonFields.Long(previous.Object, "status", "readyReplicas") ?? 0;
            var previousTrouble = snapshot.Events.Any(e => e.IsWarning && e.Involved.Kind == "Pod" && e.Involved.Namespace == deployment.Namespace
                && e.Involved.Name.StartsWith(previous.Name + "-", StringComparison.Ordinal) && TroubleReasons.Contains(e.Reason) && snapshot.InWindow(e.LastSeen));
            var created = JsonFields.Time(current.Object, "metadata", "creationTimestamp");
            var recent = created is { } at && at >= snapshot.IncidentStart - RecentRollout;
            if (previousTrouble || !(previousReady > 0 || recent))
            {
                continue;
            }

            yield return Found.Make(Name, FindingKind.RolloutRegression, deployment.Ref,
                $"{deployment.Ref} revision {Revision(current)} ({current.Name}, {Images(current)}, created {created:yyyy-MM-dd HH:mm}) has {ready}/{replicas} pods ready; "
                + $"the previous revision {Revision(previous)} ({previous.Name}, {Images(previous)}) {(previousReady > 0 ? $"still serves {previousReady} ready pods" : "ran without warnings")}",
                [current.EvidenceId, previous.EvidenceId],
                ("newReplicaSet", current.Name), ("previousReplicaSet", previous.Name), ("previousReady", previousReady.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static long Revision(ObservedObject replicaSet) =>
        long.TryParse(JsonFields.Str(replicaSet.Object, "metadata", "annotations", "deployment.kubernetes.io/revision"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static string Images(ObservedObject replicaSet) =>
        string.Join(", ", JsonFields.Objects(replicaSet.Object, "spec", "template", "spec", "containers").Select(c => JsonFields.Str(c, "image") ?? "?"));
}
