using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>PersistentVolumeClaims that stay Pending, with the provisioner's failure (ProvisioningFailed) when it reported one.</summary>
internal sealed class VolumeAnalyzer : IAnalyzer
{
    public string Name => "volumes";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        var reported = new HashSet<ObjectRef>();
        foreach (var claim in snapshot.OfKind("PersistentVolumeClaim").Where(c => JsonFields.Str(c.Object, "status", "phase") == "Pending"))
        {
            reported.Add(claim.Ref);
            var failures = snapshot.EventsFor(claim.Ref).Where(e => e.IsWarning).ToList();
            var why = failures.Count > 0 ? failures[0].Message : $"no volume bound (storage class {JsonFields.Str(claim.Object, "spec", "storageClassName") ?? "default"})";
            yield return Found.Make(Name, FindingKind.PvcPending, claim.Ref, $"{claim.Ref} is Pending: {why}", failures.Select(e => e.EvidenceId).Prepend(claim.EvidenceId),
                ("storageClass", JsonFields.Str(claim.Object, "spec", "storageClassName")));
        }

        foreach (var e in snapshot.Events.Where(e => e.Involved.Kind == "PersistentVolumeClaim" && e.Reason is "ProvisioningFailed" or "FailedBinding" && snapshot.InWindow(e.LastSeen)))
        {
            if (reported.Add(e.Involved))
            {
                yield return Found.Make(Name, FindingKind.PvcPending, e.Involved, $"{e.Involved}: {e.Message} (x{e.Count})", e.EvidenceId);
            }
        }
    }
}
