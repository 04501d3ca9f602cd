namespace EksOps.IncidentFlow;

/// <summary>The alarm that opened the incident, as the report shows it.</summary>
public sealed record ReportAlarm
{
    /// <summary>The alarm's name.</summary>
    public required string Name { get; init; }

    /// <summary>The alarm's ARN.</summary>
    public required string Arn { get; init; }

    /// <summary>The state it changed to (<c>ALARM</c>), when the alarm event was kept.</summary>
    public string? State { get; init; }

    /// <summary>CloudWatch's reason for the state change.</summary>
    public string? Reason { get; init; }

    /// <summary>When the state changed.</summary>
    public DateTimeOffset? StateChangedAt { get; init; }
}
