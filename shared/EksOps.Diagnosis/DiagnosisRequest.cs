using EksOps.Alarms;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.Diagnosis;

/// <summary>One alarm to diagnose, and what the tool calls made for it need.</summary>
public sealed record DiagnosisRequest
{
    /// <summary>The alarm state change (parsed by <see cref="AlarmEventParser"/>).</summary>
    public required AlarmStateChange Alarm { get; init; }

    /// <summary>
    /// The cluster to investigate; <see langword="null"/> takes the alarm's <c>ClusterName</c> dimension, else the
    /// registry's default cluster.
    /// </summary>
    public string? ClusterName { get; init; }

    /// <summary>
    /// The investigation's clock: the incident window ends here and "recent" is measured from it. <see langword="null"/>
    /// uses the alarm's state timestamp (replays of frozen incidents pass the scenario clock).
    /// </summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Who the tool calls are made as (logged by the registry).</summary>
    public ToolCaller Caller { get; init; } = new("eksops-diagnosis", ToolFace.Internal);

    /// <summary>The invocation's logger, handed to every tool call.</summary>
    public required ILambdaLogger Logger { get; init; }

    /// <summary>The invocation's metrics, handed to every tool call.</summary>
    public required IMetrics Metrics { get; init; }

    /// <summary>Cancels the diagnosis (the Lambda deadline).</summary>
    public CancellationToken CancellationToken { get; init; }
}
