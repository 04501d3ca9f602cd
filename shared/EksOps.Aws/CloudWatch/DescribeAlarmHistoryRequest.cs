namespace EksOps.Aws.CloudWatch;

/// <summary>A <c>DescribeAlarmHistory</c> call; the client follows <c>NextToken</c> up to <see cref="MaxPages"/>.</summary>
public sealed record DescribeAlarmHistoryRequest
{
    /// <summary>The alarm; null for every alarm's history.</summary>
    public string? AlarmName { get; init; }

    /// <summary>The kinds of alarm to include. Default both (the service's default is metric alarms only).</summary>
    public IReadOnlyList<AlarmType> AlarmTypes { get; init; } = [AlarmType.MetricAlarm, AlarmType.CompositeAlarm];

    /// <summary>Only items of this kind.</summary>
    public AlarmHistoryItemType? HistoryItemType { get; init; }

    /// <summary>The start of the range.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>The end of the range.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>The order of items; null leaves the service's default (newest first).</summary>
    public ScanBy? ScanBy { get; init; }

    /// <summary>Items per page (1–100); null for the service's default.</summary>
    public int? PageSize { get; init; }

    /// <summary>The most pages to read. Default 10.</summary>
    public int MaxPages { get; init; } = 10;
}
