namespace EksOps.Aws.Logs;

/// <summary>The state of a Logs Insights query.</summary>
public enum QueryStatus
{
    /// <summary>A status this client does not know (or the service's <c>Unknown</c>).</summary>
    Unknown,

    /// <summary>Waiting to run.</summary>
    Scheduled,

    /// <summary>Running; results so far are partial.</summary>
    Running,

    /// <summary>Finished.</summary>
    Complete,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>Stopped by <c>StopQuery</c>.</summary>
    Cancelled,

    /// <summary>Ran into the service's 60-minute limit.</summary>
    Timeout,
}
