namespace EksOps.Aws.CloudWatch;

/// <summary>What <c>DescribeAlarmHistory</c> returned over all pages read.</summary>
public sealed record DescribeAlarmHistoryResult
{
    /// <summary>The items, in the order the service returned them.</summary>
    public IReadOnlyList<AlarmHistoryItem> AlarmHistoryItems { get; init; } = [];

    /// <summary>How many pages were read.</summary>
    public int Pages { get; init; }

    /// <summary>True when <see cref="DescribeAlarmHistoryRequest.MaxPages"/> stopped paging while the service had more.</summary>
    public bool Truncated { get; init; }
}
