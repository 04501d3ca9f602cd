namespace EksOps.Alarms;

/// <summary>
/// One CloudWatch alarm state transition, parsed by <see cref="AlarmEventParser"/> from either an EventBridge
/// "CloudWatch Alarm State Change" event or a direct alarm-action (alarm → Lambda) payload.
/// </summary>
/// <remarks>
/// The model is immutable. Collection-valued members are read-only views; record equality compares them by
/// reference, so two separately parsed copies of the same event are not <c>Equals</c>. Use
/// <see cref="IncidentKeys.ExecutionName(AlarmStateChange)"/> to recognise the same transition delivered twice.
/// </remarks>
public sealed record AlarmStateChange
{
    /// <summary>The alarm name (<c>alarmName</c>). It may contain spaces and other characters that are not safe in identifiers.</summary>
    public required string AlarmName { get; init; }

    /// <summary>
    /// The alarm ARN: EventBridge <c>resources[0]</c>, or the alarm-action payload's <c>alarmArn</c>,
    /// for example <c>arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh</c>.
    /// </summary>
    public required string AlarmArn { get; init; }

    /// <summary>The AWS account that owns the alarm (EventBridge <c>account</c>, alarm-action <c>accountId</c>).</summary>
    public required string AccountId { get; init; }

    /// <summary>The AWS Region of the alarm (<c>region</c>).</summary>
    public required string Region { get; init; }

    /// <summary>When the event was emitted (top-level <c>time</c>), in UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Which payload shape this was parsed from.</summary>
    public required AlarmEventShape Source { get; init; }

    /// <summary>The EventBridge event <c>id</c>; <see langword="null"/> for the alarm-action shape, which has none.</summary>
    public string? EventId { get; init; }

    /// <summary>What the alarm evaluates (single metric, metric math, anomaly detection or composite).</summary>
    public required AlarmKind Kind { get; init; }

    /// <summary>The state the alarm has just entered (<c>state</c>).</summary>
    public required AlarmState State { get; init; }

    /// <summary>
    /// The state the alarm left (<c>previousState</c>). CloudWatch always sends it; it is <see langword="null"/>
    /// only for hand-written events that omit it.
    /// </summary>
    public AlarmState? PreviousState { get; init; }

    /// <summary>The alarm's configuration as carried in the event (<c>configuration</c>); empty when the event has none.</summary>
    public required AlarmConfiguration Configuration { get; init; }
}
