namespace EksOps.Aws.Logs;

/// <summary>
/// A <c>FilterLogEvents</c> call; the client follows <c>nextToken</c> until the service has no more, <see cref="MaxEvents"/>
/// events were read, or <see cref="MaxPages"/> pages were read (pages may be empty while more remain).
/// </summary>
public sealed record FilterLogEventsRequest
{
    /// <summary>The log group by name. Give this or <see cref="LogGroupIdentifier"/>.</summary>
    public string? LogGroupName { get; init; }

    /// <summary>The log group by name or ARN (cross-account).</summary>
    public string? LogGroupIdentifier { get; init; }

    /// <summary>Only these streams (up to 100).</summary>
    public IReadOnlyList<string> LogStreamNames { get; init; } = [];

    /// <summary>Only streams whose names start with this.</summary>
    public string? LogStreamNamePrefix { get; init; }

    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Events at or before this time.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>A filter pattern, e.g. <c>"ERROR"</c> or <c>{ $.level = "error" }</c>.</summary>
    public string? FilterPattern { get; init; }

    /// <summary>Events per page (1–10,000); null for the service's default.</summary>
    public int? PageSize { get; init; }

    /// <summary>The most events to return in all. Default 1,000.</summary>
    public int MaxEvents { get; init; } = 1000;

    /// <summary>The most pages to read. Default 10.</summary>
    public int MaxPages { get; init; } = 10;

    /// <summary>Show masked data (needs <c>logs:Unmask</c>).</summary>
    public bool? Unmask { get; init; }
}
