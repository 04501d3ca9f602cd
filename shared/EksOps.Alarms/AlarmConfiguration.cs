namespace EksOps.Alarms;

/// <summary>
/// The alarm configuration carried in a state-change event (<c>configuration</c>). Metric alarms fill
/// <see cref="Metrics"/>; composite alarms fill <see cref="AlarmRule"/> and the actions-suppressor members instead.
/// </summary>
public sealed record AlarmConfiguration
{
    /// <summary>A configuration with no members set, used when an event carries no <c>configuration</c>.</summary>
    public static AlarmConfiguration Empty { get; } = new();

    /// <summary>The alarm description (<c>description</c>), if any.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The metrics and expressions the alarm evaluates (<c>metrics</c>), in event order. Empty for composite alarms.
    /// A classic single-metric alarm appears as one entry with a generated GUID <see cref="AlarmMetric.Id"/>.
    /// </summary>
    public IReadOnlyList<AlarmMetric> Metrics { get; init; } = [];

    /// <summary>Composite alarms only: the rule over other alarms (<c>alarmRule</c>), e.g. <c>ALARM(a) OR ALARM(b)</c>.</summary>
    public string? AlarmRule { get; init; }

    /// <summary>Composite alarms only: the name or ARN of the alarm that suppresses actions (<c>actionsSuppressor</c>).</summary>
    public string? ActionsSuppressor { get; init; }

    /// <summary>Composite alarms only: <c>actionsSuppressorWaitPeriod</c>, in seconds.</summary>
    public int? ActionsSuppressorWaitPeriod { get; init; }

    /// <summary>Composite alarms only: <c>actionsSuppressorExtensionPeriod</c>, in seconds.</summary>
    public int? ActionsSuppressorExtensionPeriod { get; init; }
}
