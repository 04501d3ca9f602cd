using System.Security.Cryptography;
using System.Text;

namespace EksOps.Alarms;

/// <summary>
/// Derives deterministic identifiers for an alarm transition, such as the Step Functions execution name.
/// </summary>
/// <remarks>
/// <para>
/// CloudWatch and EventBridge deliver at least once, and an alarm can be wired to both an EventBridge rule and a
/// Lambda alarm action, so the same transition may arrive more than once. Starting the incident workflow with an
/// execution name derived only from the transition makes the duplicates collapse: within the 90 days Step Functions
/// remembers names, <c>StartExecution</c> with an existing name and the same input returns the running execution, and with
/// different input fails with <c>ExecutionAlreadyExists</c>, which the caller should treat as "already handled".
/// </para>
/// <para>
/// The transition is identified by the alarm ARN and the new state's timestamp (<c>state.timestamp</c>, normalised to
/// UTC), which CloudWatch sets once per state change and repeats verbatim on redelivery. The envelope <c>time</c> and the
/// EventBridge <c>id</c> are deliberately not used: they differ between the EventBridge and alarm-action deliveries
/// of one transition. A composite alarm that re-notifies when its actions suppressor ends gets a new
/// <c>state.timestamp</c>, and therefore a new execution, which is intended.
/// </para>
/// </remarks>
public static class IncidentKeys
{
    /// <summary>The longest execution name Step Functions accepts.</summary>
    public const int MaxExecutionNameLength = 80;

    /// <summary>How many hex digits of the SHA-256 hash end the name (96 bits: collisions are not a practical concern).</summary>
    public const int HashLength = 24;

    /// <summary>The longest correlation key <see cref="CorrelationKey(AlarmStateChange)"/> returns.</summary>
    public const int MaxCorrelationKeyLength = 512;

    private const int MaxPrefixLength = MaxExecutionNameLength - HashLength - 1;

    /// <summary>
    /// The execution name for <paramref name="change"/>: a readable prefix from the alarm name, <c>-</c>, and
    /// <see cref="HashLength"/> lowercase hex digits of SHA-256(<c>alarmArn|stateTimestamp</c>); see
    /// <see cref="ExecutionName(string, string, DateTimeOffset)"/>.
    /// </summary>
    /// <param name="change">The parsed state change.</param>
    /// <returns>A name of at most <see cref="MaxExecutionNameLength"/> characters from <c>[0-9A-Za-z_-]</c>.</returns>
    public static string ExecutionName(AlarmStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ExecutionName(change.AlarmName, change.AlarmArn, change.State.Timestamp);
    }

    /// <summary>
    /// The execution name for the transition of alarm <paramref name="alarmArn"/> into a state at
    /// <paramref name="stateTimestamp"/>. Only the ARN and the timestamp decide uniqueness; the alarm name only
    /// supplies a readable prefix (characters outside <c>[0-9A-Za-z_-]</c> become <c>_</c>, runs are collapsed,
    /// and it is cut to leave room for the hash; <c>alarm</c> if nothing readable remains).
    /// </summary>
    /// <param name="alarmName">The alarm name, used for the readable prefix.</param>
    /// <param name="alarmArn">The alarm ARN.</param>
    /// <param name="stateTimestamp">The new state's timestamp (<see cref="AlarmState.Timestamp"/>).</param>
    /// <returns>A name of at most <see cref="MaxExecutionNameLength"/> characters from <c>[0-9A-Za-z_-]</c>.</returns>
    public static string ExecutionName(string alarmName, string alarmArn, DateTimeOffset stateTimestamp)
    {
        ArgumentNullException.ThrowIfNull(alarmName);
        ArgumentNullException.ThrowIfNull(alarmArn);

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(alarmArn + "|" + AlarmTimestamps.Canonical(stateTimestamp)));
        string hex = Convert.ToHexStringLower(hash, 0, HashLength / 2);
        return ReadablePrefix(alarmName) + "-" + hex;
    }

    /// <summary>
    /// The correlation key of <paramref name="change"/>: alarms with the same key within the correlation window fold into
    /// one incident. It names the workload the alarm's metrics watch, from their dimensions (every metric of a metric
    /// math or anomaly detection alarm, returned or not):
    /// <list type="bullet">
    /// <item><description>Container Insights <c>ClusterName</c>, <c>Namespace</c> and <c>Service</c> or <c>PodName</c>:
    /// <c>k8s:cluster/namespace/name</c> (a pod alarm and a service alarm of the same name correlate);</description></item>
    /// <item><description><c>ClusterName</c> and <c>NodeName</c>: <c>k8s:cluster/node/name</c>;</description></item>
    /// <item><description>ALB <c>TargetGroup</c> (else <c>LoadBalancer</c>): <c>alb:targetgroup/…</c>.</description></item>
    /// </list>
    /// The key starts with the account and region (<c>123456789012:us-east-1:k8s:prod/shop/checkout</c>). Metrics that
    /// name different workloads give their keys sorted and joined with <c>+</c>. When nothing names a workload (EC2 or
    /// Lambda metrics, cluster-wide metrics, composite alarms, whose events carry no metrics) the key is the alarm's own:
    /// <c>alarm:</c> and its ARN. A key longer than <see cref="MaxCorrelationKeyLength"/> keeps a prefix and ends in a
    /// SHA-256 digest of the whole.
    /// </summary>
    /// <param name="change">The parsed state change.</param>
    /// <returns>The key.</returns>
    public static string CorrelationKey(AlarmStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var workloads = AlarmWorkloads.Dimensions(change)
            .Select(AlarmWorkloads.Workload)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var key = workloads.Count == 0
            ? "alarm:" + change.AlarmArn
            : change.AccountId + ":" + change.Region + ":" + string.Join('+', workloads);
        if (key.Length <= MaxCorrelationKeyLength)
        {
            return key;
        }

        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return key[..(MaxCorrelationKeyLength - digest.Length - 1)] + "#" + digest;
    }

    /// <summary>
    /// The cluster the alarm's metrics name (the Container Insights <c>ClusterName</c> dimension), when they name exactly one.
    /// </summary>
    /// <param name="change">The parsed state change.</param>
    /// <returns>The cluster name, or <see langword="null"/> when no metric names one or they name several.</returns>
    public static string? ClusterName(AlarmStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var clusters = AlarmWorkloads.Dimensions(change)
            .Select(d => d.TryGetValue(AlarmWorkloads.ClusterName, out var name) && !string.IsNullOrWhiteSpace(name) ? name : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Take(2)
            .ToList();
        return clusters.Count == 1 ? clusters[0] : null;
    }

    private static string ReadablePrefix(string alarmName)
    {
        var prefix = new StringBuilder(Math.Min(alarmName.Length, MaxPrefixLength));
        foreach (char c in alarmName)
        {
            if (prefix.Length == MaxPrefixLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                prefix.Append(c);
            }
            else if (prefix.Length > 0 && prefix[^1] != '_')
            {
                prefix.Append('_');
            }
        }

        string result = prefix.ToString().Trim('_', '-');
        return result.Length == 0 ? "alarm" : result;
    }
}
