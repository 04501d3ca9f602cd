using System.Globalization;
using EksOps.StateMachine.Execution;

namespace EksOps.Cli;

/// <summary>Prints the execution as it runs: each state as it ends, with its duration, and retries, failures and catches.</summary>
/// <param name="output">Where the lines go.</param>
internal sealed class ReplayProgress(TextWriter output)
{
    private readonly Dictionary<string, DateTimeOffset> _entered = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Observe(ExecutionHistoryEvent historyEvent)
    {
        string? line = historyEvent.Type switch
        {
            ExecutionHistoryEventType.ExecutionStarted => $"execution {historyEvent.ExecutionArn.Split(':')[^1]} started",
            ExecutionHistoryEventType.StateEntered => Enter(historyEvent),
            ExecutionHistoryEventType.StateExited => $"  ✓ {historyEvent.StateName,-20} {Elapsed(historyEvent)}",
            ExecutionHistoryEventType.TaskSubmitted => $"    … {historyEvent.StateName} waits for a task token (approval)",
            ExecutionHistoryEventType.TaskFailed or ExecutionHistoryEventType.TaskTimedOut => $"    ✗ {historyEvent.StateName}: {historyEvent.Error} {Trim(historyEvent.Cause)}",
            ExecutionHistoryEventType.RetryScheduled => $"    ↻ retry {historyEvent.RetryAttempt} of {historyEvent.StateName} in {Seconds(historyEvent.Delay)}",
            ExecutionHistoryEventType.ErrorCaught => $"    ↪ {historyEvent.Error} caught → {historyEvent.NextState}",
            ExecutionHistoryEventType.WaitStarted => $"    ⏱ waiting {Seconds(historyEvent.Delay)}",
            ExecutionHistoryEventType.ExecutionSucceeded => "execution succeeded",
            ExecutionHistoryEventType.ExecutionFailed or ExecutionHistoryEventType.ExecutionTimedOut or ExecutionHistoryEventType.ExecutionAborted
                => $"execution ended {historyEvent.Type}: {historyEvent.Error} {Trim(historyEvent.Cause)}",
            _ => null,
        };
        if (line is not null)
        {
            lock (_lock)
            {
                output.WriteLine(line);
            }
        }
    }

    private string? Enter(ExecutionHistoryEvent historyEvent)
    {
        lock (_lock)
        {
            _entered[historyEvent.StateName ?? string.Empty] = historyEvent.Timestamp;
        }

        return null;
    }

    private string Elapsed(ExecutionHistoryEvent exited)
    {
        lock (_lock)
        {
            return _entered.TryGetValue(exited.StateName ?? string.Empty, out var entered)
                ? Seconds(exited.Timestamp - entered)
                : string.Empty;
        }
    }

    private static string Seconds(TimeSpan? span) =>
        span is { } value ? value.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture) : "-";

    private static string Trim(string? cause) =>
        cause is null ? string.Empty : cause.Length <= 160 ? cause : cause[..160] + "…";
}
