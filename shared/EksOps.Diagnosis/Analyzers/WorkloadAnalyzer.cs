using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Controllers (k8sgpt's deployment, replicaset and statefulset analyzers): replicas unavailable, ProgressDeadlineExceeded,
/// and pods a controller cannot create (ReplicaFailure, FailedCreate) for reasons other than a quota.
/// </summary>
internal sealed class WorkloadAnalyzer : IAnalyzer
{
    public string Name => "workloads";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var workload in snapshot.Objects.Where(o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet"))
        {
            var status = JsonFields.Object(workload.Object, "status");
            long desired = workload.Kind == "DaemonSet" ? JsonFields.Long(status, "desiredNumberScheduled") ?? 0 : JsonFields.Long(workload.Object, "spec", "replicas") ?? 1;
            long ready = workload.Kind == "DaemonSet" ? JsonFields.Long(status, "numberReady") ?? 0 : JsonFields.Long(status, "readyReplicas") ?? 0;
            if (workload.Kind != "ReplicaSet" && ready < desired)
            {
                yield return Found.Make(Name, FindingKind.ReplicasUnavailable, workload.Ref, $"{workload.Ref} has {ready}/{desired} replicas ready", workload.EvidenceId,
                    ("ready", ready.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("desired", desired.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            foreach (var condition in JsonFields.Objects(status, "conditions"))
            {
                var type = JsonFields.Str(condition, "type");
                var reason = JsonFields.Str(condition, "reason");
                var message = JsonFields.Str(condition, "message") ?? string.Empty;
                if (type == "Progressing" && reason == "ProgressDeadlineExceeded")
                {
                    yield return Found.Make(Name, FindingKind.ProgressDeadlineExceeded, workload.Ref, $"{workload.Ref} rollout stalled: {message}", workload.EvidenceId);
                }
                else if (type == "ReplicaFailure" && JsonFields.Str(condition, "status") == "True" && !QuotaAnalyzer.IsQuotaRefusal(message))
                {
                    yield return Found.Make(Name, FindingKind.FailedCreate, workload.Ref, $"{workload.Ref} cannot create pods: {message}", workload.EvidenceId, ("message", message));
                }
            }
        }

        foreach (var e in snapshot.Events.Where(e => e.Reason == "FailedCreate" && snapshot.InWindow(e.LastSeen) && !QuotaAnalyzer.IsQuotaRefusal(e.Message)))
        {
            yield return Found.Make(Name, FindingKind.FailedCreate, e.Involved, $"{e.Involved} cannot create pods: {e.Message} (x{e.Count})", e.EvidenceId, ("message", e.Message));
        }
    }
}
