namespace EksOps.Simulation.CloudWatch;

/// <summary>One CloudWatch Logs event: the log group and stream it was written to, its time and its message.</summary>
/// <param name="LogGroupName">The log group, for example <c>/aws/containerinsights/prod/application</c>.</param>
/// <param name="LogStreamName">The log stream.</param>
/// <param name="Timestamp">The event's time; CloudWatch Logs keeps milliseconds, so finer precision is dropped when served.</param>
/// <param name="Message">The message; for Container Insights, a Fluent Bit JSON record (see <see cref="ContainerInsightsLogs"/>).</param>
public sealed record SimulatedLogEvent(string LogGroupName, string LogStreamName, DateTimeOffset Timestamp, string Message)
{
    /// <summary>When CloudWatch Logs received the event; null for <see cref="Timestamp"/>.</summary>
    public DateTimeOffset? IngestionTime { get; init; }
}
