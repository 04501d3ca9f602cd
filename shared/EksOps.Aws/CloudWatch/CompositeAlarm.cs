namespace EksOps.Aws.CloudWatch;

/// <summary>A composite alarm as <c>DescribeAlarms</c> returns it.</summary>
public sealed record CompositeAlarm : DescribedAlarm
{
    /// <summary>The rule over other alarms, e.g. <c>ALARM(cpu) AND ALARM(memory)</c>.</summary>
    public string? AlarmRule { get; init; }

    /// <summary><c>WaitPeriod</c>, <c>ExtensionPeriod</c> or <c>Alarm</c> while actions are suppressed.</summary>
    public string? ActionsSuppressedBy { get; init; }

    /// <summary>Why actions are suppressed.</summary>
    public string? ActionsSuppressedReason { get; init; }

    /// <summary>The ARN of the alarm that suppresses this one's actions.</summary>
    public string? ActionsSuppressor { get; init; }

    /// <summary>Seconds to wait for the suppressor to go into <c>ALARM</c>.</summary>
    public int? ActionsSuppressorWaitPeriod { get; init; }

    /// <summary>Seconds actions stay suppressed after the suppressor leaves <c>ALARM</c>.</summary>
    public int? ActionsSuppressorExtensionPeriod { get; init; }
}
