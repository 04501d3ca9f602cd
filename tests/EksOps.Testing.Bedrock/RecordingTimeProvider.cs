using System.Collections.Concurrent;

namespace EksOps.Testing.Bedrock;

/// <summary>
/// A virtual clock for the pipeline's waits: every delay it is asked for is recorded and added to its time, and fires
/// (almost) at once, so backoff and polling tests neither sleep nor depend on timing. With <c>hold: true</c> delays
/// never fire, which pins a caller inside a wait.
/// </summary>
/// <param name="hold">Whether delays never fire.</param>
public sealed class RecordingTimeProvider(bool hold = false) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private readonly DateTimeOffset _start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private long _elapsedTicks;

    /// <summary>Every delay asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            Interlocked.Add(ref _elapsedTicks, dueTime.Ticks);
        }

        return System.CreateTimer(callback, state, hold ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }
}
