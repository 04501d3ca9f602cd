namespace EksOps.Aws.Logs;

/// <summary>A CloudWatch Logs Insights query to start.</summary>
public sealed record StartQueryRequest
{
    /// <summary>The query, e.g. <c>fields @timestamp, @message | filter @message like /OOMKilled/ | sort @timestamp desc | limit 50</c>.</summary>
    public required string QueryString { get; init; }

    /// <summary>The log groups by name (up to 50). Give these or <see cref="LogGroupIdentifiers"/>.</summary>
    public IReadOnlyList<string> LogGroupNames { get; init; } = [];

    /// <summary>The log groups by name or ARN, for cross-account queries.</summary>
    public IReadOnlyList<string> LogGroupIdentifiers { get; init; } = [];

    /// <summary>The start of the range (inclusive; sent as whole epoch seconds, rounded down).</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>The end of the range (inclusive; sent as whole epoch seconds, rounded up).</summary>
    public required DateTimeOffset EndTime { get; init; }

    /// <summary>The most rows to return (1–100,000); null for the service's default of 10,000.</summary>
    public int? Limit { get; init; }

    /// <summary><c>CWLI</c> (Logs Insights, the default), <c>SQL</c> or <c>PPL</c>.</summary>
    public string? QueryLanguage { get; init; }
}
