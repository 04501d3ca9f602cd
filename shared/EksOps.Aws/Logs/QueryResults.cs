namespace EksOps.Aws.Logs;

/// <summary>The state and rows of a Logs Insights query.</summary>
public sealed record QueryResults
{
    /// <summary>The query id.</summary>
    public string QueryId { get; init; } = string.Empty;

    /// <summary>The status when the results were read.</summary>
    public QueryStatus Status { get; init; }

    /// <summary>The status as the service spelled it.</summary>
    public string? StatusText { get; init; }

    /// <summary>The rows (partial while <see cref="Status"/> is <see cref="QueryStatus.Running"/>).</summary>
    public IReadOnlyList<QueryResultRow> Rows { get; init; } = [];

    /// <summary>Scan statistics, if the service sent them.</summary>
    public QueryStatistics? Statistics { get; init; }

    /// <summary>True when waiting stopped at the caller's deadline before the query finished (rows are partial; the query was asked to stop).</summary>
    public bool DeadlineReached { get; init; }

    /// <summary>Whether the status is final: complete, failed, cancelled or timed out.</summary>
    public bool IsFinished => Status is QueryStatus.Complete or QueryStatus.Failed or QueryStatus.Cancelled or QueryStatus.Timeout;
}
