namespace EksOps.Aws.CloudWatch;

/// <summary>The kinds of CloudWatch alarm.</summary>
public enum AlarmType
{
    /// <summary>An alarm on a metric or a metric-math expression.</summary>
    MetricAlarm,

    /// <summary>An alarm on a rule over other alarms.</summary>
    CompositeAlarm,
}
