namespace EksOps.StateMachine.Tests.Support;

/// <summary>
/// A clock that moves only when the test moves it, with timers: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>
/// on it completes when <see cref="Advance"/> passes its due time. Timer callbacks run on the thread pool, so the
/// executor never runs inside <see cref="Advance"/>. <see cref="PendingDueTimes"/> shows what the executor waits for.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    /// <summary>A clock starting at 2026-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>When the pending timers are due, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> PendingDueTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _timers.Select(t => t.Due).Order()];
            }
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and fires every timer that comes due on the way.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = [.. _timers.Where(t => t.Due <= _now)];
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Waits (bounded, in real time) until a timer is due at <paramref name="due"/>, then advances the clock to it.</summary>
    /// <param name="due">The due time the test expects.</param>
    public async Task AdvanceToTimerAsync(DateTimeOffset due)
    {
        await Eventually.ThatAsync(() => PendingDueTimes.Contains(due), $"a timer due at {due:O} (pending: {string.Join(", ", PendingDueTimes.Select(d => d.ToString("O")))})");
        var now = GetUtcNow();
        Advance(due > now ? due - now : TimeSpan.Zero);
    }

    /// <summary>Waits (bounded, in real time) until some timer is pending, and returns when the earliest is due.</summary>
    public async Task<DateTimeOffset> NextTimerAsync()
    {
        await Eventually.ThatAsync(() => PendingDueTimes.Count > 0, "a pending timer");
        return PendingDueTimes[0];
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + dueTime;
                _timers.Add(timer);
            }
        }
    }

    private void Cancel(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            clock.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                clock.Schedule(this, _period);
            }
        }

        public void Dispose() => clock.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
