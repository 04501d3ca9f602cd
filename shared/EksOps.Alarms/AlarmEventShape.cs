namespace EksOps.Alarms;

/// <summary>
/// Which of the two CloudWatch delivery payloads an <see cref="AlarmStateChange"/> was parsed from.
/// </summary>
public enum AlarmEventShape
{
    /// <summary>
    /// An EventBridge event with <c>detail-type</c> "CloudWatch Alarm State Change"; the alarm data is in <c>detail</c>.
    /// </summary>
    EventBridge,

    /// <summary>
    /// The payload CloudWatch sends when an alarm action invokes a Lambda function directly
    /// (top-level <c>alarmArn</c>, <c>accountId</c>, <c>alarmData</c>; no EventBridge envelope).
    /// </summary>
    AlarmAction,
}
