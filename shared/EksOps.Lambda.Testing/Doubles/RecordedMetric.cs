namespace EksOps.Lambda.Testing;

/// <summary>One call to <see cref="IMetrics.AddMetric"/> that <see cref="TestMetrics"/> recorded.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Resolution">The storage resolution.</param>
public sealed record RecordedMetric(string Name, double Value, MetricUnit Unit, MetricResolution Resolution);
