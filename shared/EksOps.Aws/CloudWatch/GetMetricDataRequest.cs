namespace EksOps.Aws.CloudWatch;

/// <summary>A <c>GetMetricData</c> call; the client follows <c>NextToken</c> itself, up to <see cref="MaxPages"/>.</summary>
public sealed record GetMetricDataRequest
{
    /// <summary>The queries (at most 500).</summary>
    public required IReadOnlyList<MetricDataQuery> MetricDataQueries { get; init; }

    /// <summary>The start of the range (inclusive).</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>The end of the range (exclusive).</summary>
    public required DateTimeOffset EndTime { get; init; }

    /// <summary>The order of datapoints; null leaves the service's default (newest first).</summary>
    public ScanBy? ScanBy { get; init; }

    /// <summary>The most datapoints per page, if smaller than the service's 100,800.</summary>
    public int? MaxDatapoints { get; init; }

    /// <summary>The most pages to read; the result says whether more were left (<see cref="GetMetricDataResult.Truncated"/>). Default 20.</summary>
    public int MaxPages { get; init; } = 20;
}
