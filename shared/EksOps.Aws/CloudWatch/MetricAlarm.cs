namespace EksOps.Aws.CloudWatch;

/// <summary>A metric (or metric-math, or anomaly-detection) alarm as <c>DescribeAlarms</c> returns it.</summary>
public sealed record MetricAlarm : DescribedAlarm
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private IReadOnlyList<Dimension> _dimensions = [];
    private IReadOnlyList<MetricDataQuery> _metrics = [];

    /// <summary>The metric name (single-metric alarms).</summary>
    public string? MetricName { get; init; }

    /// <summary>The namespace (single-metric alarms).</summary>
    public string? Namespace { get; init; }

    /// <summary>The statistic (single-metric alarms): <c>SampleCount</c>, <c>Average</c>, <c>Sum</c>, <c>Minimum</c>, <c>Maximum</c>.</summary>
    public string? Statistic { get; init; }

    /// <summary>A percentile statistic such as <c>p99</c> (single-metric alarms).</summary>
    public string? ExtendedStatistic { get; init; }

    /// <summary>The dimensions (single-metric alarms).</summary>
    public IReadOnlyList<Dimension> Dimensions { get => _dimensions; init => _dimensions = value ?? []; }

    /// <summary>The period in seconds (single-metric alarms).</summary>
    public int? Period { get; init; }

    /// <summary>The unit (single-metric alarms).</summary>
    public string? Unit { get; init; }

    /// <summary>How many periods are evaluated.</summary>
    public int? EvaluationPeriods { get; init; }

    /// <summary>How many breaching datapoints, within <see cref="EvaluationPeriods"/>, trigger the alarm.</summary>
    public int? DatapointsToAlarm { get; init; }

    /// <summary>The threshold (absent for anomaly-detection alarms).</summary>
    public double? Threshold { get; init; }

    /// <summary>How the value is compared with the threshold, e.g. <c>GreaterThanThreshold</c>.</summary>
    public string? ComparisonOperator { get; init; }

    /// <summary><c>breaching</c>, <c>notBreaching</c>, <c>ignore</c> or <c>missing</c>.</summary>
    public string? TreatMissingData { get; init; }

    /// <summary><c>evaluate</c> or <c>ignore</c> (percentile alarms).</summary>
    public string? EvaluateLowSampleCountPercentile { get; init; }

    /// <summary>The queries of a metric-math or anomaly-detection alarm.</summary>
    public IReadOnlyList<MetricDataQuery> Metrics { get => _metrics; init => _metrics = value ?? []; }

    /// <summary>The id of the <c>ANOMALY_DETECTION_BAND</c> query (anomaly-detection alarms).</summary>
    public string? ThresholdMetricId { get; init; }

    /// <summary><c>PARTIAL_DATA</c>, <c>EVALUATION_FAILURE</c> or <c>EVALUATION_ERROR</c> when evaluation had trouble.</summary>
    public string? EvaluationState { get; init; }
}
