namespace EksOps.Alarms;

/// <summary>
/// A metric and the statistic the alarm takes of it (<c>metricStat</c>, with the nested <c>metric</c> flattened).
/// </summary>
public sealed record AlarmMetricStat
{
    /// <summary>The metric namespace (<c>metric.namespace</c>), e.g. <c>AWS/EC2</c> or <c>ContainerInsights</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The metric name (<c>metric.name</c>).</summary>
    public required string MetricName { get; init; }

    /// <summary>The metric dimensions (<c>metric.dimensions</c>), keyed by dimension name with ordinal comparison; empty when there are none.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = AlarmDimensions.Empty;

    /// <summary>The period in seconds (<c>period</c>).</summary>
    public required int Period { get; init; }

    /// <summary>The statistic (<c>stat</c>), e.g. <c>Average</c>, <c>Maximum</c>, <c>p99</c>.</summary>
    public required string Stat { get; init; }

    /// <summary>The unit (<c>unit</c>), if the alarm specifies one.</summary>
    public string? Unit { get; init; }
}
