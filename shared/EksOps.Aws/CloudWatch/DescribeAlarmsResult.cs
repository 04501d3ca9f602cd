namespace EksOps.Aws.CloudWatch;

/// <summary>What <c>DescribeAlarms</c> returned over all pages read.</summary>
public sealed record DescribeAlarmsResult
{
    /// <summary>The metric alarms.</summary>
    public IReadOnlyList<MetricAlarm> MetricAlarms { get; init; } = [];

    /// <summary>The composite alarms.</summary>
    public IReadOnlyList<CompositeAlarm> CompositeAlarms { get; init; } = [];

    /// <summary>How many pages were read.</summary>
    public int Pages { get; init; }

    /// <summary>True when <see cref="DescribeAlarmsRequest.MaxPages"/> stopped paging while the service had more.</summary>
    public bool Truncated { get; init; }
}
