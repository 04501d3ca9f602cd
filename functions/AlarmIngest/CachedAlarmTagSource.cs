using System.Collections.Concurrent;

namespace EksOps.AlarmIngest;

/// <summary>
/// Remembers each alarm's tags in the warm container for <see cref="TimeToLive"/>, so a storm of one alarm's events
/// reads its tags once (<c>EKSOPS_ALARM_TAGS_CACHE_SECONDS</c>, default 300). Callers that miss at the same time share
/// one read. A failed read is not remembered: every waiter of that read gets its error, and the next call reads again.
/// </summary>
/// <remarks>
/// <para>A tag changed in CloudWatch takes effect here at most <see cref="TimeToLive"/> after this container last read
/// it. A time to live of zero remembers nothing once a read has finished (concurrent callers still share it).</para>
/// <para>The read itself does not take the caller's cancellation token: it is shared, and one caller giving up must not
/// fail the others. Each caller stops waiting when its own token fires; the read finishes in the background (bounded by
/// the client's timeouts) and serves the next call. When more than <see cref="SweepThreshold"/> alarms are
/// remembered, expired ones are dropped before a new one is added.</para>
/// </remarks>
public sealed class CachedAlarmTagSource : IAlarmTagSource
{
    /// <summary>How many alarms may be remembered before expired entries are swept out.</summary>
    public const int SweepThreshold = 4_096;

    private readonly IAlarmTagSource _inner;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates the cache over the source that reads tags.</summary>
    /// <param name="inner">Reads tags on a miss (typically <see cref="CloudWatchAlarmTagSource"/>).</param>
    /// <param name="timeToLive">How long a read's answer is used; zero or more.</param>
    /// <param name="time">The clock; the system clock by default.</param>
    public CachedAlarmTagSource(IAlarmTagSource inner, TimeSpan timeToLive, TimeProvider? time = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfLessThan(timeToLive, TimeSpan.Zero);
        TimeToLive = timeToLive;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long a read's answer is used.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>How many alarms are remembered (including reads in flight and expired entries not yet swept).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string alarmArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmArn);
        while (true)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(alarmArn, out var current) && current.IsFresh(now, TimeToLive))
            {
                return await current.Tags.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var fresh = new Entry();
            var installed = current is null ? _entries.TryAdd(alarmArn, fresh) : _entries.TryUpdate(alarmArn, fresh, current);
            if (!installed)
            {
                // Another caller installed a read first: loop to share it.
                continue;
            }

            if (current is null && _entries.Count > SweepThreshold)
            {
                Sweep(now);
            }

            _ = ReadAsync(alarmArn, fresh);
            return await fresh.Tags.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads into <paramref name="entry"/>; never throws (the error goes to the entry's waiters).</summary>
    private async Task ReadAsync(string alarmArn, Entry entry)
    {
        try
        {
            var tags = await _inner.GetTagsAsync(alarmArn, CancellationToken.None).ConfigureAwait(false);
            entry.Complete(tags, _time.GetUtcNow());
        }
        catch (Exception e)
        {
            // Forget the failed read before its waiters see the error, so that a retry reads again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(alarmArn, entry));
            entry.Fail(e);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (arn, entry) in _entries)
        {
            if (!entry.IsFresh(now, TimeToLive))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(arn, entry));
            }
        }
    }

    /// <summary>One read: in flight until completed; then fresh for the time to live from its completion.</summary>
    private sealed class Entry
    {
        private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _tags = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _completedAtTicks = long.MinValue;

        public Task<IReadOnlyDictionary<string, string>> Tags => _tags.Task;

        public bool IsFresh(DateTimeOffset now, TimeSpan timeToLive)
        {
            var completedAt = Interlocked.Read(ref _completedAtTicks);
            return completedAt == long.MinValue || now.UtcTicks - completedAt < timeToLive.Ticks;
        }

        public void Complete(IReadOnlyDictionary<string, string> tags, DateTimeOffset at)
        {
            Interlocked.Exchange(ref _completedAtTicks, at.UtcTicks);
            _tags.SetResult(tags);
        }

        public void Fail(Exception error) => _tags.SetException(error);
    }
}
