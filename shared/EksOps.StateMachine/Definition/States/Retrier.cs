namespace EksOps.StateMachine.Definition.States;

/// <summary>One entry of a state's <c>Retry</c>.</summary>
internal sealed record Retrier
{
    /// <summary><c>ErrorEquals</c>.</summary>
    public required IReadOnlyList<string> ErrorEquals { get; init; }

    /// <summary><c>IntervalSeconds</c>, default 1.</summary>
    public int IntervalSeconds { get; init; } = 1;

    /// <summary><c>MaxAttempts</c>, default 3; 0 never retries.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary><c>BackoffRate</c>, default 2.0.</summary>
    public double BackoffRate { get; init; } = 2.0;

    /// <summary><c>MaxDelaySeconds</c>: the cap on the computed interval, if set.</summary>
    public int? MaxDelaySeconds { get; init; }

    /// <summary><c>JitterStrategy: FULL</c>: the wait is a random fraction of the computed interval.</summary>
    public bool FullJitter { get; init; }

    /// <summary>
    /// The wait before retry number <paramref name="attempt"/> (1-based, counted for this retrier):
    /// <c>IntervalSeconds × BackoffRate^(attempt−1)</c>, capped at <c>MaxDelaySeconds</c>, times <paramref name="jitter"/>
    /// (a draw in [0, 1)) with full jitter.
    /// </summary>
    public TimeSpan Delay(int attempt, double jitter)
    {
        var seconds = IntervalSeconds * Math.Pow(BackoffRate, attempt - 1);
        if (MaxDelaySeconds is { } cap)
        {
            seconds = Math.Min(seconds, cap);
        }

        if (FullJitter)
        {
            seconds *= jitter;
        }

        // Cap at the longest Wait a state may have (99,999,999 s), which also keeps TimeSpan from overflowing.
        return TimeSpan.FromMilliseconds(Math.Round(Math.Min(seconds, 99_999_999d) * 1000d));
    }
}
