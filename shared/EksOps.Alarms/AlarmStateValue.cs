namespace EksOps.Alarms;

/// <summary>
/// The state of a CloudWatch alarm (<c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c> on the wire).
/// </summary>
public enum AlarmStateValue
{
    /// <summary><c>OK</c>: the alarm condition is not met.</summary>
    Ok,

    /// <summary><c>ALARM</c>: the alarm condition is met.</summary>
    Alarm,

    /// <summary><c>INSUFFICIENT_DATA</c>: not enough data to evaluate (also the state of a newly created alarm).</summary>
    InsufficientData,
}
