using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>Jobs that failed: a Failed (or FailureTarget) condition, BackoffLimitExceeded or DeadlineExceeded.</summary>
internal sealed class JobAnalyzer : IAnalyzer
{
    public string Name => "jobs";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        var reported = new HashSet<ObjectRef>();
        foreach (var job in snapshot.OfKind("Job"))
        {
            var failed = JsonFields.Objects(job.Object, "status", "conditions")
                .FirstOrDefault(c => JsonFields.Str(c, "type") is "Failed" or "FailureTarget" && JsonFields.Str(c, "status") == "True");
            if (failed is not null && reported.Add(job.Ref))
            {
                yield return Found.Make(Name, FindingKind.JobFailed, job.Ref,
                    $"{job.Ref} failed: {JsonFields.Str(failed, "reason")}: {JsonFields.Str(failed, "message")} ({JsonFields.Long(job.Object, "status", "failed") ?? 0} failed pods)",
                    snapshot.EventsFor(job.Ref).Where(e => e.IsWarning).Select(e => e.EvidenceId).Prepend(job.EvidenceId), ("reason", JsonFields.Str(failed, "reason")));
            }
        }

        foreach (var e in snapshot.Events.Where(e => e.Involved.Kind == "Job" && e.Reason is "BackoffLimitExceeded" or "DeadlineExceeded" && snapshot.InWindow(e.LastSeen)))
        {
            if (reported.Add(e.Involved))
            {
                yield return Found.Make(Name, FindingKind.JobFailed, e.Involved, $"{e.Involved}: {e.Message}", e.EvidenceId, ("reason", e.Reason));
            }
        }
    }
}
