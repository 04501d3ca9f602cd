namespace EksOps.Alarms;

/// <summary>
/// One side of an alarm transition: the <c>state</c> or <c>previousState</c> object of the event.
/// </summary>
public sealed record AlarmState
{
    /// <summary>The state value (<c>value</c>).</summary>
    public required AlarmStateValue Value { get; init; }

    /// <summary>The human-readable reason CloudWatch gives (<c>reason</c>); empty if the event has none.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>When the alarm entered this state (<c>timestamp</c>), in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// The raw <c>reasonData</c> string exactly as received (CloudWatch sends a JSON document encoded as a string),
    /// or <see langword="null"/> when the event has no <c>reasonData</c> (for example "Unchecked: Initial alarm creation").
    /// </summary>
    public string? ReasonDataJson { get; init; }

    /// <summary>
    /// <see cref="ReasonDataJson"/> parsed, or <see langword="null"/> when it is absent or could not be parsed
    /// (see <see cref="ReasonDataError"/>). A bad <c>reasonData</c> never fails the whole event.
    /// </summary>
    public AlarmReasonData? ReasonData { get; init; }

    /// <summary>
    /// Why <see cref="ReasonDataJson"/> could not be parsed (a message naming the JSON path, like the messages of
    /// <see cref="InvalidAlarmEventException"/>), or <see langword="null"/> when it was parsed or is absent.
    /// </summary>
    public string? ReasonDataError { get; init; }

    /// <summary>
    /// Composite alarms only: what is suppressing the alarm's actions (<c>actionsSuppressedBy</c>); CloudWatch
    /// documents <c>WaitPeriod</c>, <c>ExtensionPeriod</c> and <c>Alarm</c>. <see langword="null"/> when actions are not suppressed.
    /// </summary>
    public string? ActionsSuppressedBy { get; init; }

    /// <summary>Composite alarms only: the text explaining the suppression (<c>actionsSuppressedReason</c>).</summary>
    public string? ActionsSuppressedReason { get; init; }
}
