namespace EksOps.Tools;

/// <summary>How a call ended; faces map it onto their envelope (see the library README's table).</summary>
public enum ToolOutcome
{
    /// <summary>The tool ran (a write: planned as a dry run, or applied).</summary>
    Success,

    /// <summary>No tool has that name.</summary>
    UnknownTool,

    /// <summary>No cluster has that name (or none was named and there is no default).</summary>
    UnknownCluster,

    /// <summary>The arguments broke the input schema; <see cref="ToolResult.ArgumentErrors"/> lists every violation.</summary>
    InvalidArguments,

    /// <summary>The policy refused the call or the change.</summary>
    PolicyDenied,

    /// <summary>The change needs an approval token bound to it; the result carries the change and its hash.</summary>
    ApprovalRequired,

    /// <summary>The tool failed (a <see cref="ToolException"/>, an unexpected error, cancellation, an output that broke its schema).</summary>
    Failed,
}
