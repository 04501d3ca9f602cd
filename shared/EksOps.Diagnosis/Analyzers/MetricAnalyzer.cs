using System.Globalization;
using EksOps.Diagnosis.Evidence;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>Container Insights series around the alarm: pods running at their cpu limit.</summary>
internal sealed class MetricAnalyzer : IAnalyzer
{
    /// <summary>Percent of the cpu limit above which pods are throttled enough to queue requests.</summary>
    private const double SaturatedCpu = 85;

    public string Name => "metrics";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var metric in snapshot.Metrics.Where(m => m.MetricName == "pod_cpu_utilization_over_pod_limit" && m.Points.Count > 0))
        {
            var recent = metric.RecentMean(3) ?? 0;
            if (recent < SaturatedCpu)
            {
                continue;
            }

            var workload = metric.Dimensions.GetValueOrDefault("PodName") ?? string.Empty;
            var baseline = metric.BaselineMean(3);
            yield return Found.Make(Name, FindingKind.CpuSaturation, new ObjectRef("Workload", metric.Dimensions.GetValueOrDefault("Namespace"), workload),
                string.Create(CultureInfo.InvariantCulture, $"{metric.Dimensions.GetValueOrDefault("Namespace")}/{workload} pods use {recent:0.#}% of their cpu limit{(baseline is { } b ? $" (earlier {b:0.#}%)" : string.Empty)}"),
                metric.EvidenceId, ("recent", recent.ToString("0.#", CultureInfo.InvariantCulture)));
        }
    }
}
