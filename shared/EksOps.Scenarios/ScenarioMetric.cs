namespace EksOps.Scenarios;

/// <summary>One CloudWatch metric's datapoints (<c>metrics:</c> entry in <c>scenario.yaml</c>).</summary>
public sealed record ScenarioMetric
{
    /// <summary>The metric namespace (<c>namespace:</c>), for example <c>ContainerInsights</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The metric name (<c>metricName:</c>).</summary>
    public required string MetricName { get; init; }

    /// <summary>The dimensions (<c>dimensions:</c>), name to value, in file order; empty when none are given.</summary>
    public required IReadOnlyDictionary<string, string> Dimensions { get; init; }

    /// <summary>The CloudWatch unit (<c>unit:</c>), for example <c>Percent</c>; <see langword="null"/> when not given.</summary>
    public string? Unit { get; init; }

    /// <summary>The period of each datapoint in seconds (<c>period:</c>): 1, 5, 10, 20, 30 or a multiple of 60.</summary>
    public required int Period { get; init; }

    /// <summary>The datapoints (<c>points:</c>), in strictly ascending time order.</summary>
    public required IReadOnlyList<MetricPoint> Points { get; init; }
}
