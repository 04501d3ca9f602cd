namespace EksOps.Aws.CloudWatch;

/// <summary>A message CloudWatch attaches to a result or a whole <c>GetMetricData</c> response (<c>MessageData</c>).</summary>
/// <param name="Code">The code, e.g. <c>MaxMetricsExceeded</c>.</param>
/// <param name="Value">The text.</param>
public sealed record MetricDataMessage(string? Code, string? Value);
