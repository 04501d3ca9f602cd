namespace EksOps.Lambda;

/// <summary>One value of a metric, for <see cref="IMetrics.PushMetrics"/>.</summary>
/// <param name="Name">Metric name, 1 to 255 characters.</param>
/// <param name="Value">A finite value.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Resolution">Standard (60 s) or high (1 s) resolution.</param>
public readonly record struct MetricValue(
    string Name,
    double Value,
    MetricUnit Unit = MetricUnit.Count,
    MetricResolution Resolution = MetricResolution.Standard);
