namespace EksOps.Aws.CloudWatch;

// Wire shapes of the monitoring 2010-08-01 model (AWS JSON 1.0), for what the public requests do not carry (paging
// tokens, enums as their wire strings) and for pages before they are merged. Member names are the model's.

internal sealed class GetMetricDataInput
{
    public IReadOnlyList<MetricDataQuery> MetricDataQueries { get; init; } = [];

    public DateTimeOffset StartTime { get; init; }

    public DateTimeOffset EndTime { get; init; }

    public string? NextToken { get; set; }

    public string? ScanBy { get; init; }

    public int? MaxDatapoints { get; init; }
}

internal sealed class GetMetricDataOutput
{
    public List<MetricDataResult>? MetricDataResults { get; init; }

    public string? NextToken { get; init; }

    public List<MetricDataMessage>? Messages { get; init; }
}

internal sealed class DescribeAlarmsInput
{
    public IReadOnlyList<string>? AlarmNames { get; init; }

    public string? AlarmNamePrefix { get; init; }

    public IReadOnlyList<string>? AlarmTypes { get; init; }

    public string? ChildrenOfAlarmName { get; init; }

    public string? ParentsOfAlarmName { get; init; }

    public string? StateValue { get; init; }

    public string? ActionPrefix { get; init; }

    public int? MaxRecords { get; init; }

    public string? NextToken { get; set; }
}

internal sealed class DescribeAlarmsOutput
{
    public List<CompositeAlarm>? CompositeAlarms { get; init; }

    public List<MetricAlarm>? MetricAlarms { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class DescribeAlarmHistoryInput
{
    public string? AlarmName { get; init; }

    public IReadOnlyList<string>? AlarmTypes { get; init; }

    public string? HistoryItemType { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public int? MaxRecords { get; init; }

    public string? NextToken { get; set; }

    public string? ScanBy { get; init; }
}

internal sealed class DescribeAlarmHistoryOutput
{
    public List<AlarmHistoryItem>? AlarmHistoryItems { get; init; }

    public string? NextToken { get; init; }
}
