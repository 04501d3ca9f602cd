namespace EksOps.StateMachine.Execution;

/// <summary>Waits on a <see cref="TimeProvider"/>, including waits longer than one timer can measure.</summary>
internal static class Delays
{
    /// <summary>The longest single timer (about 49.7 days); longer waits are chained.</summary>
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Completes after <paramref name="delay"/> on <paramref name="time"/>; at once for zero or less.</summary>
    public static async Task DelayAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        while (delay > TimeSpan.Zero)
        {
            var step = delay > MaxTimer ? MaxTimer : delay;
            await Task.Delay(step, time, cancellationToken).ConfigureAwait(false);
            delay -= step;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A wait of <paramref name="delay"/>, or one that ends only when cancelled when there is no limit.</summary>
    public static Task LimitAsync(TimeSpan? delay, TimeProvider time, CancellationToken cancellationToken) =>
        delay is { } limit ? DelayAsync(limit, time, cancellationToken) : Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
}
