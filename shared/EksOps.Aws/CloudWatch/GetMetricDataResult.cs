namespace EksOps.Aws.CloudWatch;

/// <summary>What <c>GetMetricData</c> returned over all pages read.</summary>
public sealed record GetMetricDataResult
{
    /// <summary>One result per query id that returned data, in the order the service first returned them; pages are concatenated per id.</summary>
    public IReadOnlyList<MetricDataResult> MetricDataResults { get; init; } = [];

    /// <summary>Messages about the whole request, from every page.</summary>
    public IReadOnlyList<MetricDataMessage> Messages { get; init; } = [];

    /// <summary>How many pages were read.</summary>
    public int Pages { get; init; }

    /// <summary>True when <see cref="GetMetricDataRequest.MaxPages"/> stopped paging while the service had more.</summary>
    public bool Truncated { get; init; }

    /// <summary>The result of one query id, or null.</summary>
    /// <param name="id">The query id.</param>
    /// <returns>The result, or null if the service returned none for it.</returns>
    public MetricDataResult? Find(string id) => MetricDataResults.FirstOrDefault(r => r.Id == id);
}
