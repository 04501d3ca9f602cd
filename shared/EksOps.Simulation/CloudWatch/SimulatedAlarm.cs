using System.Text;
using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// A CloudWatch alarm as the simulator describes it (<c>DescribeAlarms</c>) and records its last transition
/// (<c>DescribeAlarmHistory</c>). Usually read from the alarm's state-change payload with <see cref="FromEvent(string)"/>;
/// what the payload does not carry (actions, missing-data treatment) has CloudWatch's defaults and can be set with
/// <c>with</c>.
/// </summary>
/// <remarks>
/// An alarm with an <see cref="AlarmRule"/> is a composite alarm; any other is a metric alarm. A metric alarm whose
/// <see cref="Metrics"/> hold exactly one metric entry is described as a single-metric alarm (<c>MetricName</c>,
/// <c>Namespace</c>, <c>Statistic</c>, … at the top level), otherwise with a <c>Metrics</c> list, as CloudWatch does.
/// </remarks>
public sealed record SimulatedAlarm
{
    private IReadOnlyList<SimulatedAlarmMetric> _metrics = [];
    private IReadOnlyList<string> _alarmActions = [];
    private IReadOnlyList<string> _okActions = [];
    private IReadOnlyList<string> _insufficientDataActions = [];

    /// <summary>The alarm name.</summary>
    public required string AlarmName { get; init; }

    /// <summary>The alarm ARN, <c>arn:aws:cloudwatch:&lt;region&gt;:&lt;account&gt;:alarm:&lt;name&gt;</c>.</summary>
    public required string AlarmArn { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The current state: <c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>.</summary>
    public required string StateValue { get; init; }

    /// <summary>Why the alarm is in its state, in words.</summary>
    public string? StateReason { get; init; }

    /// <summary>Why the alarm is in its state, a JSON document in a string.</summary>
    public string? StateReasonData { get; init; }

    /// <summary>When the alarm entered its current state.</summary>
    public required DateTimeOffset StateTimestamp { get; init; }

    /// <summary>The state before the transition, if known.</summary>
    public string? PreviousStateValue { get; init; }

    /// <summary>The reason of the previous state.</summary>
    public string? PreviousStateReason { get; init; }

    /// <summary>The reason data of the previous state.</summary>
    public string? PreviousStateReasonData { get; init; }

    /// <summary>When the alarm entered the previous state.</summary>
    public DateTimeOffset? PreviousStateTimestamp { get; init; }

    /// <summary>When the configuration last changed; null for the earliest state timestamp known.</summary>
    public DateTimeOffset? ConfigurationUpdatedTimestamp { get; init; }

    /// <summary><c>WaitPeriod</c>, <c>ExtensionPeriod</c> or <c>Alarm</c> while a composite alarm's actions are suppressed.</summary>
    public string? ActionsSuppressedBy { get; init; }

    /// <summary>Why actions are suppressed.</summary>
    public string? ActionsSuppressedReason { get; init; }

    /// <summary>The metric and expression entries of a metric alarm.</summary>
    public IReadOnlyList<SimulatedAlarmMetric> Metrics { get => _metrics; init => _metrics = value ?? []; }

    /// <summary>The threshold; null for anomaly-detection alarms.</summary>
    public double? Threshold { get; init; }

    /// <summary>The comparison, for example <c>GreaterThanOrEqualToThreshold</c>.</summary>
    public string? ComparisonOperator { get; init; }

    /// <summary>How many periods are evaluated.</summary>
    public int? EvaluationPeriods { get; init; }

    /// <summary>How many breaching datapoints within <see cref="EvaluationPeriods"/> trigger the alarm.</summary>
    public int? DatapointsToAlarm { get; init; }

    /// <summary>How missing data is treated; CloudWatch's default is <c>missing</c>.</summary>
    public string TreatMissingData { get; init; } = "missing";

    /// <summary>The id of the <c>ANOMALY_DETECTION_BAND</c> entry of an anomaly-detection alarm.</summary>
    public string? ThresholdMetricId { get; init; }

    /// <summary>The rule of a composite alarm, for example <c>ALARM(cpu) OR ALARM(memory)</c>; null for metric alarms.</summary>
    public string? AlarmRule { get; init; }

    /// <summary>The ARN (or name) of the alarm that suppresses a composite alarm's actions.</summary>
    public string? ActionsSuppressor { get; init; }

    /// <summary>Seconds to wait for the suppressor to go into <c>ALARM</c>.</summary>
    public int? ActionsSuppressorWaitPeriod { get; init; }

    /// <summary>Seconds actions stay suppressed after the suppressor leaves <c>ALARM</c>.</summary>
    public int? ActionsSuppressorExtensionPeriod { get; init; }

    /// <summary>Whether actions run on state changes. Default true.</summary>
    public bool ActionsEnabled { get; init; } = true;

    /// <summary>ARNs run on the transition to <c>ALARM</c>.</summary>
    public IReadOnlyList<string> AlarmActions { get => _alarmActions; init => _alarmActions = value ?? []; }

    /// <summary>ARNs run on the transition to <c>OK</c>.</summary>
    public IReadOnlyList<string> OKActions { get => _okActions; init => _okActions = value ?? []; }

    /// <summary>ARNs run on the transition to <c>INSUFFICIENT_DATA</c>.</summary>
    public IReadOnlyList<string> InsufficientDataActions { get => _insufficientDataActions; init => _insufficientDataActions = value ?? []; }

    /// <summary>Whether this is a composite alarm (it has an <see cref="AlarmRule"/>).</summary>
    public bool IsComposite => AlarmRule is not null;

    /// <summary>
    /// Reads an alarm from the payload CloudWatch delivers on a state change: the EventBridge event
    /// (<c>detail-type: CloudWatch Alarm State Change</c>) or the payload of an alarm action that invokes Lambda
    /// directly (<c>alarmArn</c>, <c>alarmData</c>).
    /// </summary>
    /// <remarks>
    /// What the payload leaves out is derived as CloudWatch wrote it: the threshold from <c>reasonData.threshold</c>
    /// (or the reason text), the comparison operator, <c>DatapointsToAlarm</c> and <c>EvaluationPeriods</c> from the
    /// reason text (<c>3 out of the last 5 datapoints … were greater than or equal to the threshold</c>), the
    /// anomaly band id from the <c>ANOMALY_DETECTION_BAND</c> entry. A composite alarm's suppressor name becomes an ARN
    /// in the alarm's region and account.
    /// </remarks>
    /// <param name="json">The payload.</param>
    /// <returns>The alarm.</returns>
    /// <exception cref="FormatException">The payload is not an alarm state change; the message names the JSON path.</exception>
    public static SimulatedAlarm FromEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromEvent(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads an alarm from a state-change payload in UTF-8 (see <see cref="FromEvent(string)"/>).</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <returns>The alarm.</returns>
    /// <exception cref="FormatException">The payload is not an alarm state change.</exception>
    public static SimulatedAlarm FromEvent(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException("$: expected a CloudWatch alarm state-change payload but the input is not JSON: " + e.Message, e);
        }

        using (document)
        {
            return FromEvent(document.RootElement);
        }
    }

    /// <summary>Reads an alarm from a parsed state-change payload (see <see cref="FromEvent(string)"/>).</summary>
    /// <param name="payload">The payload's root element; the alarm keeps no reference to it.</param>
    /// <returns>The alarm.</returns>
    /// <exception cref="FormatException">The payload is not an alarm state change.</exception>
    public static SimulatedAlarm FromEvent(JsonElement payload) => AlarmEventReader.Read(payload);
}
