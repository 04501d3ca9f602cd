namespace EksOps.Scenarios;

/// <summary>One datapoint of a <see cref="ScenarioMetric"/>: <c>[timestamp, value]</c>.</summary>
/// <param name="Timestamp">When, in UTC.</param>
/// <param name="Value">The value, in the metric's unit.</param>
public readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value);
