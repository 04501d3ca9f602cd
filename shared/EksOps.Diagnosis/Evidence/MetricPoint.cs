namespace EksOps.Diagnosis.Evidence;

/// <summary>One datapoint of an <see cref="ObservedMetric"/>.</summary>
internal readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value);
