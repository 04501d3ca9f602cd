using EksOps.Aws;
using EksOps.Aws.CloudWatch;

namespace EksOps.AlarmIngest;

/// <summary>
/// Reads an alarm's tags with CloudWatch <c>ListTagsForResource</c> (IAM: <c>cloudwatch:ListTagsForResource</c> on
/// <c>arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:*</c>). Metric, metric math, anomaly detection and
/// composite alarms all have ARNs of the form <c>arn:&lt;partition&gt;:cloudwatch:&lt;region&gt;:&lt;account&gt;:alarm:&lt;name&gt;</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Throttling is retried by the client's pipeline; when it persists, <see cref="AwsThrottlingException"/> propagates
/// (the invocation fails and is retried).</item>
/// <item><c>AccessDenied</c> and <c>ResourceNotFound</c> become <see cref="AlarmTagsUnavailableException"/> with a message
/// that says what to fix; other service errors propagate as they are.</item>
/// <item>An ARN that is not a CloudWatch alarm ARN, or names another region than the client's (the tags of an alarm
/// live in its own region), is refused with <see cref="AlarmTagsUnavailableException"/> before any call.</item>
/// </list>
/// </remarks>
/// <param name="cloudWatch">The CloudWatch client.</param>
/// <param name="region">The region <paramref name="cloudWatch"/> calls (the pipeline's region).</param>
public sealed class CloudWatchAlarmTagSource(CloudWatchClient cloudWatch, string region) : IAlarmTagSource
{
    private static readonly string[] AccessDeniedCodes = ["AccessDenied", "AccessDeniedException"];
    private static readonly string[] NotFoundCodes = ["ResourceNotFound", "ResourceNotFoundException"];

    private readonly CloudWatchClient _cloudWatch = cloudWatch ?? throw new ArgumentNullException(nameof(cloudWatch));
    private readonly string _region = string.IsNullOrEmpty(region) ? throw new ArgumentException("The region is required.", nameof(region)) : region;

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string alarmArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmArn);
        CheckArn(alarmArn);
        IReadOnlyList<ResourceTag> tags;
        try
        {
            tags = await _cloudWatch.ListTagsForResourceAsync(alarmArn, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e is not AwsThrottlingException && AccessDeniedCodes.Contains(e.ErrorCode, StringComparer.Ordinal))
        {
            throw new AlarmTagsUnavailableException(alarmArn, e.ErrorCode,
                $"CloudWatch refused to list the tags of {alarmArn} ({e.ErrorCode}: {e.ErrorMessage}). EKSOPS_ALARM_TAGS needs " +
                "cloudwatch:ListTagsForResource on arn:<partition>:cloudwatch:<region>:<account>:alarm:* in the function's role. " +
                "The event is failed, not dropped: it is retried and then kept in the dead-letter queue.", e);
        }
        catch (AwsServiceException e) when (e is not AwsThrottlingException && NotFoundCodes.Contains(e.ErrorCode, StringComparer.Ordinal))
        {
            throw new AlarmTagsUnavailableException(alarmArn, e.ErrorCode,
                $"CloudWatch knows no alarm {alarmArn} ({e.ErrorCode}: {e.ErrorMessage}); it was probably deleted after this " +
                "transition, so its tags cannot be checked against EKSOPS_ALARM_TAGS. The event is failed, not dropped: it is " +
                "retried and then kept in the dead-letter queue.", e);
        }

        var byKey = new Dictionary<string, string>(tags.Count, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            byKey[tag.Key] = tag.Value;
        }

        return byKey;
    }

    /// <summary>Refuses what CloudWatch could not answer for this function: not an alarm ARN, or another region's alarm.</summary>
    private void CheckArn(string alarmArn)
    {
        // arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>; the name may itself contain ':'.
        var parts = alarmArn.Split(':', 7);
        if (parts.Length != 7 || parts[0] != "arn" || parts[2] != "cloudwatch" || parts[5] != "alarm" || parts[6].Length == 0)
        {
            throw new AlarmTagsUnavailableException(alarmArn, null,
                $"'{alarmArn}' is not a CloudWatch alarm ARN (arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>), so its tags " +
                "cannot be read for EKSOPS_ALARM_TAGS. The event is failed, not dropped.");
        }

        if (!string.Equals(parts[3], _region, StringComparison.Ordinal))
        {
            throw new AlarmTagsUnavailableException(alarmArn, null,
                $"Alarm {alarmArn} is in {parts[3]}, but this function reads alarm tags in {_region}; an alarm's tags can only be " +
                "read in its own region. Deploy AlarmIngest in the alarm's region (or do not forward other regions' alarm events " +
                "to it). The event is failed, not dropped.");
        }
    }
}
