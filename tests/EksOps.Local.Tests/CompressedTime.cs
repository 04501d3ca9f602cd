namespace EksOps.Local.Tests;

/// <summary>
/// A clock whose timers fire a hundred times sooner: the state machine's retry backoff (2, 4, 8 s with jitter) and
/// Wait states pass in milliseconds, while their order and arithmetic stay the executor's own.
/// </summary>
internal sealed class CompressedTime : TimeProvider
{
    private const int Factor = 100;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Compress(dueTime), Compress(period));

    private static TimeSpan Compress(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;
}
