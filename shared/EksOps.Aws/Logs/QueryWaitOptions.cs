namespace EksOps.Aws.Logs;

/// <summary>How to wait for a Logs Insights query: poll with a growing interval until it finishes or the time is up.</summary>
public sealed record QueryWaitOptions
{
    /// <summary>How long to wait in total before stopping the query and returning what it has. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first wait between polls. Default 250 ms.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between polls; each wait is 1.5× the last. Default 2 s.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether to call <c>StopQuery</c> (best effort) when the deadline passes or the caller cancels. Default true.</summary>
    public bool StopOnDeadline { get; init; } = true;
}
