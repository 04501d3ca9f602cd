namespace EksOps.AlarmIngest;

/// <summary>What AlarmIngest made of one alarm event: the decision, why, and the alarm it is about.</summary>
public sealed record AlarmIngestResult
{
    /// <summary>Open, close or ignore.</summary>
    public required IncidentDecision Decision { get; init; }

    /// <summary>Why, in a sentence an on-call engineer can read.</summary>
    public required string Reason { get; init; }

    /// <summary>The alarm's name.</summary>
    public required string AlarmName { get; init; }

    /// <summary>The alarm's ARN.</summary>
    public required string AlarmArn { get; init; }

    /// <summary>Metric, metric math, anomaly detection or composite.</summary>
    public required string AlarmKind { get; init; }

    /// <summary>The state the alarm entered.</summary>
    public required string State { get; init; }

    /// <summary>The state the alarm left, when the event says.</summary>
    public string? PreviousState { get; init; }

    /// <summary>When the alarm entered <see cref="State"/>.</summary>
    public required DateTimeOffset StateTimestamp { get; init; }

    /// <summary>
    /// The Step Functions execution name for this transition: the same event delivered twice yields the same name, so
    /// StartExecution starts one incident, not two. Set when <see cref="Decision"/> is <see cref="IncidentDecision.Open"/>.
    /// </summary>
    public string? ExecutionName { get; init; }

    /// <summary>
    /// The incident the event concerns: the one it opened or joined (<see cref="IncidentDecision.Open"/>), or the one it
    /// resolved (<see cref="IncidentDecision.Close"/>; absent when the alarm had no open incident).
    /// </summary>
    public string? IncidentId { get; init; }

    /// <summary>Whether the alarm opened <see cref="IncidentId"/> or joined it (<see cref="IncidentDecision.Open"/> only).</summary>
    public IncidentCorrelation? Correlation { get; init; }

    /// <summary>The correlation key the alarm was filed under (<see cref="IncidentDecision.Open"/> only).</summary>
    public string? CorrelationKey { get; init; }

    /// <summary>The state machine execution working on the incident, when known.</summary>
    public string? ExecutionArn { get; init; }

    /// <summary>The incident's status after this event.</summary>
    public string? IncidentStatus { get; init; }

    /// <summary>
    /// The <c>EKSOPS_ALARM_TAGS</c> requirements the alarm does not meet, as written there (<c>key=value</c> or
    /// <c>key</c>), when that is why it was ignored.
    /// </summary>
    public IReadOnlyList<string>? MissingAlarmTags { get; init; }

    /// <summary>The id of the event this invocation published (<c>Incident Opened</c> or <c>Incident Resolved</c>), if it published one.</summary>
    public string? EventId { get; init; }
}
