using System.Text;
using System.Text.Json;

namespace EksOps.Alarms;

/// <summary>
/// Parses a CloudWatch alarm state-change payload, in either of the two shapes CloudWatch delivers, into an
/// <see cref="AlarmStateChange"/>. The parser walks <see cref="JsonElement"/>s by hand, so it is reflection-free
/// (Native AOT and trimming safe) and its errors name the exact JSON path.
/// </summary>
/// <remarks>
/// <para>Accepted shapes:</para>
/// <list type="bullet">
/// <item><description>An EventBridge event whose <c>detail-type</c> is <c>CloudWatch Alarm State Change</c>; the alarm ARN is
/// <c>resources[0]</c> and the alarm data is <c>detail</c>.</description></item>
/// <item><description>The alarm-action payload CloudWatch sends when an alarm invokes Lambda directly: top-level
/// <c>alarmArn</c>, <c>accountId</c>, <c>time</c>, <c>region</c> and <c>alarmData</c> (shaped like <c>detail</c>).</description></item>
/// </list>
/// <para>
/// EventBridge "CloudWatch Alarm Configuration Change" events (alarm created, updated or deleted) are rejected:
/// they carry no transition to respond to. The event <c>source</c> is not checked; restricting who may send events
/// is the job of the EventBridge rule or the Lambda resource policy, not of the parser.
/// </para>
/// <para>
/// A <c>reasonData</c> string that is not valid JSON, or not shaped as documented, does not fail the event: the raw
/// text is kept in <see cref="AlarmState.ReasonDataJson"/> and the problem in <see cref="AlarmState.ReasonDataError"/>.
/// Unknown properties are ignored everywhere.
/// </para>
/// </remarks>
public static class AlarmEventParser
{
    /// <summary>The EventBridge <c>detail-type</c> of alarm state changes.</summary>
    public const string StateChangeDetailType = "CloudWatch Alarm State Change";

    /// <summary>The EventBridge <c>detail-type</c> of alarm configuration changes, which this parser rejects.</summary>
    public const string ConfigurationChangeDetailType = "CloudWatch Alarm Configuration Change";

    private const string Root = "$";

    /// <summary>Parses a UTF-8 JSON payload (a leading byte order mark is allowed).</summary>
    /// <param name="utf8Json">The payload as UTF-8 bytes.</param>
    /// <returns>The parsed state change.</returns>
    /// <exception cref="InvalidAlarmEventException">
    /// The input is empty, not valid JSON, not a JSON object, or not a well-formed alarm state-change event.
    /// </exception>
    public static AlarmStateChange Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (utf8Json.IsEmpty)
        {
            throw InvalidAlarmEventException.At(Root, "expected a JSON object but the input is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException ex)
        {
            throw InvalidAlarmEventException.At(Root, "expected a JSON object but the input is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    /// <summary>Parses a JSON payload held in a string.</summary>
    /// <param name="json">The payload.</param>
    /// <returns>The parsed state change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAlarmEventException">The payload is not a well-formed alarm state-change event.</exception>
    public static AlarmStateChange Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses an already-parsed JSON payload (for example the input of a Lambda handler).</summary>
    /// <param name="root">The payload's root element. The result does not reference it, so its document may be disposed afterwards.</param>
    /// <returns>The parsed state change.</returns>
    /// <exception cref="InvalidAlarmEventException">The payload is not a well-formed alarm state-change event.</exception>
    public static AlarmStateChange Parse(JsonElement root)
    {
        JsonRead.RequireObject(root, Root, "a JSON object (a CloudWatch alarm state-change event)");

        if (root.TryGetProperty("detail-type", out var detailType))
        {
            string detailTypePath = JsonRead.Child(Root, "detail-type");
            string? text = detailType.ValueKind == JsonValueKind.String ? detailType.GetString() : null;
            return text switch
            {
                StateChangeDetailType => ParseEventBridge(root),
                ConfigurationChangeDetailType => throw InvalidAlarmEventException.At(
                    detailTypePath,
                    "expected \"" + StateChangeDetailType + "\" but found \"" + ConfigurationChangeDetailType
                    + "\": alarm configuration changes (create, update, delete) are not state changes"),
                _ => throw JsonRead.Unexpected(detailTypePath, "\"" + StateChangeDetailType + "\"", detailType),
            };
        }

        if (root.TryGetProperty("alarmData", out _))
        {
            return ParseAlarmAction(root);
        }

        throw InvalidAlarmEventException.At(
            Root,
            "not a CloudWatch alarm state-change event: expected an EventBridge envelope with detail-type \""
            + StateChangeDetailType + "\" or an alarm-action payload with alarmData");
    }

    private static AlarmStateChange ParseEventBridge(JsonElement root)
    {
        string? eventId = JsonRead.OptionalString(root, Root, "id");
        string accountId = JsonRead.RequireString(root, Root, "account");
        string region = JsonRead.RequireString(root, Root, "region");
        var time = JsonRead.RequireTimestamp(root, Root, "time");

        var resources = JsonRead.RequireProperty(root, Root, "resources", "a non-empty array holding the alarm ARN", out string resourcesPath);
        if (resources.ValueKind != JsonValueKind.Array || resources.GetArrayLength() == 0)
        {
            throw JsonRead.Unexpected(resourcesPath, "a non-empty array holding the alarm ARN", resources);
        }

        string alarmArn = JsonRead.NonEmptyString(resources[0], JsonRead.Item(resourcesPath, 0));
        var detail = JsonRead.RequireObjectProperty(root, Root, "detail", out string detailPath);
        return ParseAlarmData(detail, detailPath, AlarmEventShape.EventBridge, eventId, alarmArn, accountId, region, time);
    }

    private static AlarmStateChange ParseAlarmAction(JsonElement root)
    {
        string alarmArn = JsonRead.RequireString(root, Root, "alarmArn");
        string accountId = JsonRead.RequireString(root, Root, "accountId");
        string region = JsonRead.RequireString(root, Root, "region");
        var time = JsonRead.RequireTimestamp(root, Root, "time");
        var alarmData = JsonRead.RequireObjectProperty(root, Root, "alarmData", out string alarmDataPath);
        return ParseAlarmData(alarmData, alarmDataPath, AlarmEventShape.AlarmAction, eventId: null, alarmArn, accountId, region, time);
    }

    private static AlarmStateChange ParseAlarmData(
        JsonElement data,
        string path,
        AlarmEventShape shape,
        string? eventId,
        string alarmArn,
        string accountId,
        string region,
        DateTimeOffset time)
    {
        string alarmName = JsonRead.RequireString(data, path, "alarmName");
        var state = ParseState(JsonRead.RequireObjectProperty(data, path, "state", out string statePath), statePath);
        var previousState = JsonRead.TryGetObject(data, path, "previousState", out var previous, out string previousPath)
            ? ParseState(previous, previousPath)
            : null;
        var configuration = JsonRead.TryGetObject(data, path, "configuration", out var config, out string configPath)
            ? ParseConfiguration(config, configPath)
            : AlarmConfiguration.Empty;

        return new AlarmStateChange
        {
            AlarmName = alarmName,
            AlarmArn = alarmArn,
            AccountId = accountId,
            Region = region,
            Time = time,
            Source = shape,
            EventId = eventId,
            Kind = Classify(configuration),
            State = state,
            PreviousState = previousState,
            Configuration = configuration,
        };
    }

    private static AlarmState ParseState(JsonElement state, string path)
    {
        var value = JsonRead.StateValue(state, path, "value");
        string reason = JsonRead.OptionalString(state, path, "reason") ?? string.Empty;
        var timestamp = JsonRead.RequireTimestamp(state, path, "timestamp");

        string? reasonDataJson = null;
        AlarmReasonData? reasonData = null;
        string? reasonDataError = null;
        if (JsonRead.TryGet(state, "reasonData", out var reasonDataElement))
        {
            string reasonDataPath = JsonRead.Child(path, "reasonData");
            if (reasonDataElement.ValueKind != JsonValueKind.String)
            {
                throw JsonRead.Unexpected(reasonDataPath, "a string holding a JSON document", reasonDataElement);
            }

            reasonDataJson = reasonDataElement.GetString()!;
            (reasonData, reasonDataError) = ReasonDataReader.Read(reasonDataJson, reasonDataPath);
        }

        return new AlarmState
        {
            Value = value,
            Reason = reason,
            Timestamp = timestamp,
            ReasonDataJson = reasonDataJson,
            ReasonData = reasonData,
            ReasonDataError = reasonDataError,
            ActionsSuppressedBy = JsonRead.OptionalString(state, path, "actionsSuppressedBy"),
            ActionsSuppressedReason = JsonRead.OptionalString(state, path, "actionsSuppressedReason"),
        };
    }

    private static AlarmConfiguration ParseConfiguration(JsonElement config, string path) => new()
    {
        Description = JsonRead.OptionalString(config, path, "description"),
        Metrics = JsonRead.OptionalObjects(config, path, "metrics", ParseMetric),
        AlarmRule = JsonRead.OptionalString(config, path, "alarmRule"),
        ActionsSuppressor = JsonRead.OptionalString(config, path, "actionsSuppressor"),
        ActionsSuppressorWaitPeriod = JsonRead.OptionalInt32(config, path, "actionsSuppressorWaitPeriod"),
        ActionsSuppressorExtensionPeriod = JsonRead.OptionalInt32(config, path, "actionsSuppressorExtensionPeriod"),
    };

    private static AlarmMetric ParseMetric(JsonElement metric, string path)
    {
        string id = JsonRead.RequireString(metric, path, "id");
        string? expression = JsonRead.OptionalString(metric, path, "expression");
        AlarmMetricStat? metricStat = JsonRead.TryGetObject(metric, path, "metricStat", out var stat, out string statPath)
            ? ParseMetricStat(stat, statPath)
            : null;

        if ((expression is null) == (metricStat is null))
        {
            throw InvalidAlarmEventException.At(
                path,
                expression is null
                    ? "expected either metricStat or expression but found neither"
                    : "expected either metricStat or expression but found both");
        }

        return new AlarmMetric
        {
            Id = id,
            Label = JsonRead.OptionalString(metric, path, "label"),
            ReturnData = JsonRead.OptionalBoolean(metric, path, "returnData") ?? true,
            MetricStat = metricStat,
            Expression = expression,
        };
    }

    private static AlarmMetricStat ParseMetricStat(JsonElement stat, string path)
    {
        var metric = JsonRead.RequireObjectProperty(stat, path, "metric", out string metricPath);
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonRead.TryGetObject(metric, metricPath, "dimensions", out var dimensionsElement, out string dimensionsPath))
        {
            foreach (var dimension in dimensionsElement.EnumerateObject())
            {
                if (dimension.Value.ValueKind != JsonValueKind.String)
                {
                    throw JsonRead.Unexpected(JsonRead.Child(dimensionsPath, dimension.Name), "a string", dimension.Value);
                }

                dimensions[dimension.Name] = dimension.Value.GetString()!;
            }
        }

        return new AlarmMetricStat
        {
            Namespace = JsonRead.RequireString(metric, metricPath, "namespace"),
            MetricName = JsonRead.RequireString(metric, metricPath, "name"),
            Dimensions = AlarmDimensions.Freeze(dimensions),
            Period = JsonRead.RequireInt32(stat, path, "period"),
            Stat = JsonRead.RequireString(stat, path, "stat"),
            Unit = JsonRead.OptionalString(stat, path, "unit"),
        };
    }

    private static AlarmKind Classify(AlarmConfiguration configuration)
    {
        if (configuration.AlarmRule is not null)
        {
            return AlarmKind.Composite;
        }

        bool hasExpression = false;
        foreach (var metric in configuration.Metrics)
        {
            if (metric.Expression is { } expression)
            {
                if (CallsAnomalyDetectionBand(expression))
                {
                    return AlarmKind.AnomalyDetection;
                }

                hasExpression = true;
            }
        }

        return hasExpression ? AlarmKind.MetricMath : AlarmKind.Metric;
    }

    /// <summary>True if <paramref name="expression"/> calls <c>ANOMALY_DETECTION_BAND(</c> (case-insensitive, blanks allowed before the parenthesis).</summary>
    private static bool CallsAnomalyDetectionBand(string expression)
    {
        const string function = "ANOMALY_DETECTION_BAND";
        int start = 0;
        while (start < expression.Length)
        {
            int index = expression.IndexOf(function, start, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return false;
            }

            int after = index + function.Length;
            bool standsAlone = index == 0 || !(char.IsAsciiLetterOrDigit(expression[index - 1]) || expression[index - 1] == '_');
            while (after < expression.Length && char.IsWhiteSpace(expression[after]))
            {
                after++;
            }

            if (standsAlone && after < expression.Length && expression[after] == '(')
            {
                return true;
            }

            start = index + 1;
        }

        return false;
    }
}
