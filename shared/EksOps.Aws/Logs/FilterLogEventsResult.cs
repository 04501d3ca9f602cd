namespace EksOps.Aws.Logs;

/// <summary>What <c>FilterLogEvents</c> returned over all pages read.</summary>
public sealed record FilterLogEventsResult
{
    /// <summary>The events, at most <see cref="FilterLogEventsRequest.MaxEvents"/>.</summary>
    public IReadOnlyList<FilteredLogEvent> Events { get; init; } = [];

    /// <summary>How many pages were read.</summary>
    public int Pages { get; init; }

    /// <summary>True when a limit (events or pages) stopped reading while the service had more.</summary>
    public bool Truncated { get; init; }
}
