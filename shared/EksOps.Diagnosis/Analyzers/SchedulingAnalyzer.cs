using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>Pending pods the scheduler cannot place (PodScheduled=False and FailedScheduling events), with the scheduler's message parsed.</summary>
internal sealed class SchedulingAnalyzer : IAnalyzer
{
    public string Name => "scheduling";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        var reported = new HashSet<ObjectRef>();
        foreach (var pod in snapshot.OfKind("Pod").Where(p => JsonFields.Str(p.Object, "status", "phase") == "Pending"))
        {
            var condition = JsonFields.Objects(pod.Object, "status", "conditions").FirstOrDefault(c => JsonFields.Str(c, "type") == "PodScheduled" && JsonFields.Str(c, "status") == "False");
            var message = JsonFields.Str(condition, "message") ?? string.Empty;
            if (SchedulerMessage.Classify(message) is { } kind)
            {
                reported.Add(pod.Ref);
                var evidence = snapshot.EventsFor(pod.Ref).Where(e => e.Reason == "FailedScheduling").Select(e => e.EvidenceId).Prepend(pod.EvidenceId);
                yield return Found.Make(Name, kind, pod.Ref, $"{pod.Ref} is Pending: {message}", evidence, ("message", message));
            }
        }

        foreach (var e in snapshot.Events.Where(e => e.Reason == "FailedScheduling" && e.Involved.Kind == "Pod" && snapshot.InWindow(e.LastSeen)))
        {
            // A pod read since then and no longer Pending was scheduled after all.
            var stillPending = snapshot.Get(e.Involved) is not { } pod || JsonFields.Str(pod.Object, "status", "phase") == "Pending";
            if (!reported.Contains(e.Involved) && stillPending && SchedulerMessage.Classify(e.Message) is { } kind)
            {
                reported.Add(e.Involved);
                yield return Found.Make(Name, kind, e.Involved, $"{e.Involved} cannot be scheduled: {e.Message} (x{e.Count})", e.EvidenceId, ("message", e.Message));
            }
        }
    }
}
