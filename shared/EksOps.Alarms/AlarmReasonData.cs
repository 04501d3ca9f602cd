namespace EksOps.Alarms;

/// <summary>
/// The machine-readable detail of a state (<c>reasonData</c>, which CloudWatch sends as a JSON document inside a string).
/// Metric alarms fill the datapoint members; anomaly detection alarms use <see cref="RecentLowerThresholds"/> and
/// <see cref="RecentUpperThresholds"/> instead of <see cref="Threshold"/>; composite alarms fill only <see cref="TriggeringAlarms"/>.
/// Every member is optional: absent scalars are <see langword="null"/> and absent lists are empty.
/// </summary>
public sealed record AlarmReasonData
{
    /// <summary>The reason data format version (<c>version</c>), e.g. <c>1.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>When CloudWatch queried the data for this evaluation (<c>queryDate</c>), in UTC.</summary>
    public DateTimeOffset? QueryDate { get; init; }

    /// <summary>The start of the evaluated data range (<c>startDate</c>), in UTC.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>The statistic (<c>statistic</c>); metric math alarms usually omit it.</summary>
    public string? Statistic { get; init; }

    /// <summary>The metric unit (<c>unit</c>), when CloudWatch includes it.</summary>
    public string? Unit { get; init; }

    /// <summary>The evaluation period in seconds (<c>period</c>).</summary>
    public int? Period { get; init; }

    /// <summary>The most recent datapoints that were evaluated (<c>recentDatapoints</c>).</summary>
    public IReadOnlyList<double> RecentDatapoints { get; init; } = [];

    /// <summary>The static threshold (<c>threshold</c>); <see langword="null"/> for anomaly detection and composite alarms.</summary>
    public double? Threshold { get; init; }

    /// <summary>Anomaly detection alarms: the lower band edge for each recent datapoint (<c>recentLowerThresholds</c>).</summary>
    public IReadOnlyList<double> RecentLowerThresholds { get; init; } = [];

    /// <summary>Anomaly detection alarms: the upper band edge for each recent datapoint (<c>recentUpperThresholds</c>).</summary>
    public IReadOnlyList<double> RecentUpperThresholds { get; init; } = [];

    /// <summary>The individual datapoints that were evaluated, with their timestamps (<c>evaluatedDatapoints</c>).</summary>
    public IReadOnlyList<EvaluatedDatapoint> EvaluatedDatapoints { get; init; } = [];

    /// <summary>Composite alarms only: the child alarms whose state caused this state (<c>triggeringAlarms</c>).</summary>
    public IReadOnlyList<TriggeringAlarm> TriggeringAlarms { get; init; } = [];
}
