namespace EksOps.Aws.CloudWatch;

/// <summary>
/// A <c>DescribeAlarms</c> call. Unlike the service, whose default is metric alarms only, the default here asks for
/// both kinds. Give names, a prefix, or neither (all alarms); the client follows <c>NextToken</c> up to <see cref="MaxPages"/>.
/// </summary>
public sealed record DescribeAlarmsRequest
{
    /// <summary>The alarms to describe by name (at most 100).</summary>
    public IReadOnlyList<string> AlarmNames { get; init; } = [];

    /// <summary>Describe the alarms whose names start with this.</summary>
    public string? AlarmNamePrefix { get; init; }

    /// <summary>The kinds to return. Default both.</summary>
    public IReadOnlyList<AlarmType> AlarmTypes { get; init; } = [AlarmType.MetricAlarm, AlarmType.CompositeAlarm];

    /// <summary>Only alarms in this state.</summary>
    public AlarmStateValue? StateValue { get; init; }

    /// <summary>Only alarms with an action whose ARN starts with this.</summary>
    public string? ActionPrefix { get; init; }

    /// <summary>The alarms that the composite alarm of this name refers to (needs <see cref="AlarmTypes"/> to include both kinds as needed).</summary>
    public string? ChildrenOfAlarmName { get; init; }

    /// <summary>The composite alarms that refer to the alarm of this name.</summary>
    public string? ParentsOfAlarmName { get; init; }

    /// <summary>Alarms per page (1–100); null for the service's default.</summary>
    public int? PageSize { get; init; }

    /// <summary>The most pages to read. Default 20.</summary>
    public int MaxPages { get; init; } = 20;
}
