namespace EksOps.AlarmIngest.Tests;

/// <summary>Alarm tags from memory, recording the ARN of every read; an alarm not set has no tags.</summary>
internal sealed class RecordingAlarmTagSource : IAlarmTagSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private readonly List<string> _reads = [];

    /// <summary>The ARN of every read, in order.</summary>
    public IReadOnlyList<string> Reads
    {
        get
        {
            lock (_gate)
            {
                return [.. _reads];
            }
        }
    }

    public RecordingAlarmTagSource Set(string alarmArn, params (string Key, string Value)[] tags)
    {
        lock (_gate)
        {
            _tags[alarmArn] = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }

        return this;
    }

    public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string alarmArn, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reads.Add(alarmArn);
            return Task.FromResult(_tags.GetValueOrDefault(alarmArn) ?? new Dictionary<string, string>());
        }
    }
}
