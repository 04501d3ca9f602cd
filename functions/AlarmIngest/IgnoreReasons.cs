namespace EksOps.AlarmIngest;

/// <summary>The values of the <c>Reason</c> dimension of the <c>AlarmsIgnored</c> metric, and of <c>ignoredBecause</c> in the log.</summary>
public static class IgnoreReasons
{
    /// <summary>The alarm lacks a tag <c>EKSOPS_ALARM_TAGS</c> requires.</summary>
    public const string AlarmTags = "AlarmTags";

    /// <summary>A composite alarm reported <c>ALARM</c> with its actions suppressed.</summary>
    public const string ActionsSuppressed = "ActionsSuppressed";

    /// <summary>The alarm entered <c>INSUFFICIENT_DATA</c>.</summary>
    public const string InsufficientData = "InsufficientData";

    /// <summary>The alarm entered <c>OK</c> from another state than <c>ALARM</c>.</summary>
    public const string NotFromAlarm = "NotFromAlarm";
}
