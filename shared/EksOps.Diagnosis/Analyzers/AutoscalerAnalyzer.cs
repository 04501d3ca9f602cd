using System.Globalization;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>HorizontalPodAutoscalers held at their maxReplicas (k8sgpt's hpa analyzer, plus the ScalingLimited condition).</summary>
internal sealed class AutoscalerAnalyzer : IAnalyzer
{
    public string Name => "autoscaling";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var hpa in snapshot.OfKind("HorizontalPodAutoscaler"))
        {
            var max = JsonFields.Long(hpa.Object, "spec", "maxReplicas") ?? long.MaxValue;
            var current = JsonFields.Long(hpa.Object, "status", "currentReplicas") ?? 0;
            var desired = JsonFields.Long(hpa.Object, "status", "desiredReplicas") ?? current;
            var limited = JsonFields.Objects(hpa.Object, "status", "conditions")
                .Any(c => JsonFields.Str(c, "type") == "ScalingLimited" && JsonFields.Str(c, "status") == "True" && JsonFields.Str(c, "reason") == "TooManyReplicas");
            if (Math.Max(current, desired) >= max || limited)
            {
                yield return Found.Make(Name, FindingKind.HpaAtMaxReplicas, hpa.Ref,
                    $"{hpa.Ref} runs {current} replicas, its maxReplicas {max}{(limited ? " (ScalingLimited: TooManyReplicas)" : string.Empty)}", hpa.EvidenceId,
                    ("maxReplicas", max.ToString(CultureInfo.InvariantCulture)), ("target", $"{JsonFields.Str(hpa.Object, "spec", "scaleTargetRef", "kind")}/{JsonFields.Str(hpa.Object, "spec", "scaleTargetRef", "name")}"));
            }
        }
    }
}
