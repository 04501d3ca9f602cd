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
}
