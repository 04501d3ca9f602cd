namespace EksOps.Aws.CloudWatch;

/// <summary>A metric with the statistic and period to aggregate it by.</summary>
public sealed record MetricStat
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private Metric _metric = new();
    private string _stat = "Average";

    /// <summary>The metric.</summary>
    public Metric Metric { get => _metric; init => _metric = value ?? new(); }

    /// <summary>The period in seconds (1, 5, 10, 30 or a multiple of 60).</summary>
    public int Period { get; init; }

    /// <summary>The statistic: <c>Average</c>, <c>Sum</c>, <c>Minimum</c>, <c>Maximum</c>, <c>SampleCount</c>, or an extended one such as <c>p99</c>.</summary>
    public string Stat { get => _stat; init => _stat = value ?? string.Empty; }

    /// <summary>The unit to filter by, if any (e.g. <c>Percent</c>).</summary>
    public string? Unit { get; init; }
}
