namespace EksOps.Aws.CloudWatch;

/// <summary>An alarm state, as a filter of <c>DescribeAlarms</c>.</summary>
public enum AlarmStateValue
{
    /// <summary><c>OK</c>.</summary>
    Ok,

    /// <summary><c>ALARM</c>.</summary>
    Alarm,

    /// <summary><c>INSUFFICIENT_DATA</c>.</summary>
    InsufficientData,
}
