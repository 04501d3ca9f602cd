namespace EksOps.Alarms;

/// <summary>
/// One entry of <c>configuration.metrics</c>: either a metric (<see cref="MetricStat"/>) or an
/// expression (<see cref="Expression"/>), never both.
/// </summary>
public sealed record AlarmMetric
{
    /// <summary>The query id (<c>id</c>), e.g. <c>m1</c>, <c>e1</c>, or a GUID for a classic single-metric alarm.</summary>
    public required string Id { get; init; }

    /// <summary>The display label (<c>label</c>), if any.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Whether this entry is the one the alarm evaluates (<c>returnData</c>); <see langword="true"/> when absent, as in the CloudWatch API.
    /// </summary>
    public bool ReturnData { get; init; } = true;

    /// <summary>The metric and statistic (<c>metricStat</c>), or <see langword="null"/> when this entry is an expression.</summary>
    public AlarmMetricStat? MetricStat { get; init; }

    /// <summary>
    /// The metric math, anomaly detection or Metrics Insights expression (<c>expression</c>), or
    /// <see langword="null"/> when this entry is a metric.
    /// </summary>
    public string? Expression { get; init; }
}
