using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>ResourceQuotas used up, and pod creations a quota or LimitRange refused (FailedCreate … exceeded quota / forbidden).</summary>
internal sealed class QuotaAnalyzer : IAnalyzer
{
    public string Name => "quota";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var e in snapshot.Events.Where(e => e.Reason == "FailedCreate" && snapshot.InWindow(e.LastSeen) && IsQuotaRefusal(e.Message)))
        {
            yield return Found.Make(Name, FindingKind.QuotaExceeded, e.Involved, $"{e.Involved}: {e.Message} (x{e.Count})", e.EvidenceId, ("source", "refusal"));
        }

        foreach (var workload in snapshot.Objects.Where(o => o.Kind is "ReplicaSet" or "Deployment" or "StatefulSet" or "Job"))
        {
            foreach (var condition in JsonFields.Objects(workload.Object, "status", "conditions").Where(c => JsonFields.Str(c, "type") == "ReplicaFailure" && JsonFields.Str(c, "status") == "True"))
            {
                var message = JsonFields.Str(condition, "message") ?? string.Empty;
                if (IsQuotaRefusal(message))
                {
                    yield return Found.Make(Name, FindingKind.QuotaExceeded, workload.Ref, $"{workload.Ref} cannot create pods: {message}", workload.EvidenceId, ("source", "refusal"));
                }
            }
        }

        foreach (var quota in snapshot.OfKind("ResourceQuota"))
        {
            var hard = JsonFields.Map(quota.Object, "status", "hard");
            var used = JsonFields.Map(quota.Object, "status", "used");
            foreach (var (resource, limit) in hard)
            {
                if (Quantity.Parse(limit) is { } max && Quantity.Parse(used.GetValueOrDefault(resource)) is { } current && max > 0 && current >= max * 0.9)
                {
                    yield return Found.Make(Name, FindingKind.QuotaExceeded, quota.Ref, $"{quota.Ref}: {resource} used {used[resource]} of {limit}", quota.EvidenceId,
                        ("source", "usage"), ("resource", resource));
                }
            }
        }
    }

    internal static bool IsQuotaRefusal(string message) =>
        message.Contains("exceeded quota", StringComparison.OrdinalIgnoreCase)
        || (message.Contains("forbidden", StringComparison.OrdinalIgnoreCase)
            && (message.Contains("LimitRange", StringComparison.OrdinalIgnoreCase) || message.Contains("per Container", StringComparison.OrdinalIgnoreCase)
                || message.Contains("per Pod", StringComparison.OrdinalIgnoreCase) || message.Contains("must specify limits", StringComparison.OrdinalIgnoreCase)));
}
