namespace EksOps.Simulation.CloudWatch;

/// <summary>How a <see cref="CloudWatchSimulator"/> behaves where CloudWatch's behaviour depends on time or account.</summary>
public sealed class CloudWatchSimulatorOptions
{
    /// <summary>
    /// How many <c>GetQueryResults</c> calls see a Logs Insights query unfinished before it is <c>Complete</c>: the first
    /// reports <c>Scheduled</c> when there are two or more, the rest <c>Running</c> (with no rows yet). Default 1; 0
    /// completes queries at once. <c>StopQuery</c> on an unfinished query cancels it.
    /// </summary>
    public int QueryPollsBeforeComplete { get; init; } = 1;

    /// <summary>The account id in Logs Insights' <c>@log</c> field (<c>account:group</c>). Default <c>123456789012</c>.</summary>
    public string AccountId { get; init; } = "123456789012";
}
