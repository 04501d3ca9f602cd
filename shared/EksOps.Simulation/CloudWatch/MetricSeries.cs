namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// One CloudWatch metric (namespace, name and dimensions) and its datapoints, as a scenario's <c>metrics:</c> entry
/// holds it. Each datapoint counts as one sample: <c>GetMetricData</c> aggregates the samples that fall into each of
/// its periods with the statistic asked for.
/// </summary>
public sealed record MetricSeries
{
    private IReadOnlyDictionary<string, string> _dimensions = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The namespace, for example <c>ContainerInsights</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The metric name, for example <c>pod_cpu_utilization</c>.</summary>
    public required string MetricName { get; init; }

    /// <summary>The dimensions, name to value. A query must name exactly these dimensions to read the series.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get => _dimensions; init => _dimensions = value ?? new Dictionary<string, string>(StringComparer.Ordinal); }

    /// <summary>The CloudWatch unit, for example <c>Percent</c>; null for <c>None</c>. A query that names another unit reads nothing.</summary>
    public string? Unit { get; init; }

    /// <summary>The period of the datapoints in seconds (1, 5, 10, 20, 30 or a multiple of 60).</summary>
    public required int Period { get; init; }

    /// <summary>The datapoints, in any order.</summary>
    public required IReadOnlyList<MetricDatapoint> Points { get; init; }
}
