namespace EksOps.Aws.CloudWatch;

/// <summary>One entry of an alarm's history.</summary>
public sealed record AlarmHistoryItem
{
    /// <summary>The alarm.</summary>
    public string? AlarmName { get; init; }

    /// <summary><c>MetricAlarm</c> or <c>CompositeAlarm</c>.</summary>
    public string? AlarmType { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary><c>ConfigurationUpdate</c>, <c>StateUpdate</c>, <c>Action</c>, <c>AlarmContributorStateUpdate</c> or <c>AlarmContributorAction</c>.</summary>
    public string? HistoryItemType { get; init; }

    /// <summary>A one-line summary, e.g. <c>Alarm updated from OK to ALARM</c>.</summary>
    public string? HistorySummary { get; init; }

    /// <summary>The details, a JSON document in a string.</summary>
    public string? HistoryData { get; init; }

    /// <summary>The contributor (Metrics Insights alarms).</summary>
    public string? AlarmContributorId { get; init; }

    /// <summary>The contributor's attributes (Metrics Insights alarms).</summary>
    public IReadOnlyDictionary<string, string>? AlarmContributorAttributes { get; init; }
}
