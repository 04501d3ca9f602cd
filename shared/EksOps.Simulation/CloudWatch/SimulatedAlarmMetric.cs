namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// One entry of an alarm's <c>configuration.metrics</c>: either a metric with its statistic and period, or a math
/// expression over the other entries (<c>DescribeAlarms</c> serves it as a <c>MetricDataQuery</c>).
/// </summary>
public sealed record SimulatedAlarmMetric
{
    private IReadOnlyDictionary<string, string> _dimensions = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The query id, for example <c>m1</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The label, if any.</summary>
    public string? Label { get; init; }

    /// <summary>Whether the entry's result is what the alarm watches (or is shown). Default true.</summary>
    public bool ReturnData { get; init; } = true;

    /// <summary>The math expression, when this entry is one (for example <c>ANOMALY_DETECTION_BAND(m1, 2)</c>).</summary>
    public string? Expression { get; init; }

    /// <summary>The metric namespace, when this entry reads a metric.</summary>
    public string? Namespace { get; init; }

    /// <summary>The metric name, when this entry reads a metric.</summary>
    public string? MetricName { get; init; }

    /// <summary>The metric's dimensions.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get => _dimensions; init => _dimensions = value ?? new Dictionary<string, string>(StringComparer.Ordinal); }

    /// <summary>The period in seconds (of the metric, or of the expression's result).</summary>
    public int? Period { get; init; }

    /// <summary>The statistic, for example <c>Average</c> or <c>p99</c>, when this entry reads a metric.</summary>
    public string? Stat { get; init; }

    /// <summary>The unit the metric is read in, if the alarm names one.</summary>
    public string? Unit { get; init; }

    /// <summary>Whether this entry reads a metric (rather than evaluating an expression).</summary>
    public bool IsMetric => Expression is null && MetricName is not null;
}
