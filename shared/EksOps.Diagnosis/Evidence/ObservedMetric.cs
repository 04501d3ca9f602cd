namespace EksOps.Diagnosis.Evidence;

/// <summary>One CloudWatch metric series read, oldest point first.</summary>
internal sealed record ObservedMetric(
    string MetricNamespace, string MetricName, IReadOnlyDictionary<string, string> Dimensions, IReadOnlyList<MetricPoint> Points, string EvidenceId)
{
    /// <summary>The mean of the newest <paramref name="count"/> points; <see langword="null"/> without points.</summary>
    public double? RecentMean(int count) => Points.Count == 0 ? null : Points.TakeLast(count).Average(p => p.Value);

    /// <summary>The mean of the points before the newest <paramref name="recent"/>; <see langword="null"/> when there are none.</summary>
    public double? BaselineMean(int recent) => Points.Count <= recent ? null : Points.Take(Points.Count - recent).Take(Math.Max(1, (Points.Count - recent) / 2)).Average(p => p.Value);
}
