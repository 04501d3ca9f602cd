namespace EksOps.Simulation.CloudWatch;

/// <summary>One datapoint of a <see cref="MetricSeries"/>: one sample of the metric at an instant.</summary>
/// <param name="Timestamp">When the value was recorded.</param>
/// <param name="Value">The value, in the series' unit.</param>
public readonly record struct MetricDatapoint(DateTimeOffset Timestamp, double Value);
