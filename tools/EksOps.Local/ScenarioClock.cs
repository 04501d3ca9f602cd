namespace EksOps.Local;

/// <summary>
/// The scenario's clock: "now" is the scenario's <c>now</c>, so metric windows, log queries and event ages read the
/// frozen incident as if it were live.
/// </summary>
public sealed class ScenarioClock : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly TimeProvider? _running;
    private readonly long _startTimestamp;

    private ScenarioClock(DateTimeOffset start, TimeProvider? running)
    {
        _start = start;
        _running = running;
        _startTimestamp = running?.GetTimestamp() ?? 0;
    }

    /// <summary>A clock that always answers <paramref name="now"/>: an evaluation gives the same answer every run.</summary>
    /// <param name="now">The scenario's now.</param>
    /// <returns>The clock.</returns>
    public static ScenarioClock Frozen(DateTimeOffset now) => new(now, null);

    /// <summary>
    /// A clock that starts at <paramref name="now"/> and advances with <paramref name="elapsed"/> (the system clock by
    /// default), so a replayed incident's timeline has real durations between its steps.
    /// </summary>
    /// <param name="now">The scenario's now.</param>
    /// <param name="elapsed">Where elapsed time comes from.</param>
    /// <returns>The clock.</returns>
    public static ScenarioClock Running(DateTimeOffset now, TimeProvider? elapsed = null) => new(now, elapsed ?? System);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() =>
        _running is null ? _start : _start + _running.GetElapsedTime(_startTimestamp);
}
