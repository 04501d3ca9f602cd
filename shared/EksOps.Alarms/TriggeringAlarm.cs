namespace EksOps.Alarms;

/// <summary>
/// One entry of a composite alarm's <c>reasonData.triggeringAlarms</c>: a child alarm and the state it was in
/// (<c>{"arn", "state": {"value", "timestamp"}}</c>, with <c>state</c> flattened).
/// </summary>
public sealed record TriggeringAlarm
{
    /// <summary>The child alarm's ARN (<c>arn</c>).</summary>
    public required string Arn { get; init; }

    /// <summary>The child alarm's state (<c>state.value</c>).</summary>
    public required AlarmStateValue State { get; init; }

    /// <summary>When the child alarm entered that state (<c>state.timestamp</c>), in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// The alarm name taken from <see cref="Arn"/> (everything after <c>:alarm:</c>), or the whole ARN
    /// if it does not have that form.
    /// </summary>
    public string AlarmName
    {
        get
        {
            const string marker = ":alarm:";
            int index = Arn.IndexOf(marker, StringComparison.Ordinal);
            return index < 0 ? Arn : Arn[(index + marker.Length)..];
        }
    }
}
