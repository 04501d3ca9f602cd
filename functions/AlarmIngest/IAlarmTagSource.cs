namespace EksOps.AlarmIngest;

/// <summary>Reads an alarm's tags: <see cref="CloudWatchAlarmTagSource"/> asks CloudWatch, <see cref="CachedAlarmTagSource"/> remembers the answer for a while.</summary>
public interface IAlarmTagSource
{
    /// <summary>The alarm's tags, by key.</summary>
    /// <param name="alarmArn">The alarm's ARN (metric or composite), as the event names it.</param>
    /// <param name="cancellationToken">Cancels the wait for the tags.</param>
    /// <returns>The tags; empty when the alarm has none.</returns>
    /// <exception cref="AlarmTagsUnavailableException">The tags cannot be read: access denied, the alarm no longer exists, or the ARN is not one this function can read.</exception>
    /// <exception cref="Aws.AwsThrottlingException">CloudWatch throttled the read on every attempt.</exception>
    Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string alarmArn, CancellationToken cancellationToken);
}
