using System.Text.Json;

namespace EksOps.Alarms;

/// <summary>
/// Parses the JSON document CloudWatch embeds as a string in <c>reasonData</c>. Failures are returned, not thrown,
/// so that a bad <c>reasonData</c> never fails the whole event.
/// </summary>
internal static class ReasonDataReader
{
    /// <param name="json">The embedded document.</param>
    /// <param name="path">The path of the <c>reasonData</c> string; paths inside the document are appended to it.</param>
    /// <returns>The parsed data, or null and a message naming the path of the problem.</returns>
    public static (AlarmReasonData? Data, string? Error) Read(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return (null, path + ": expected a string holding a JSON document but its content is not valid JSON: " + ex.Message);
        }

        using (document)
        {
            try
            {
                return (Build(document.RootElement, path), null);
            }
            catch (InvalidAlarmEventException ex)
            {
                return (null, ex.Message);
            }
        }
    }

    private static AlarmReasonData Build(JsonElement root, string path)
    {
        JsonRead.RequireObject(root, path, "a string holding a JSON object");
        return new AlarmReasonData
        {
            Version = JsonRead.OptionalString(root, path, "version"),
            QueryDate = JsonRead.OptionalTimestamp(root, path, "queryDate"),
            StartDate = JsonRead.OptionalTimestamp(root, path, "startDate"),
            Statistic = JsonRead.OptionalString(root, path, "statistic"),
            Unit = JsonRead.OptionalString(root, path, "unit"),
            Period = JsonRead.OptionalInt32(root, path, "period"),
            RecentDatapoints = JsonRead.OptionalDoubles(root, path, "recentDatapoints"),
            Threshold = JsonRead.OptionalDouble(root, path, "threshold"),
            RecentLowerThresholds = JsonRead.OptionalDoubles(root, path, "recentLowerThresholds"),
            RecentUpperThresholds = JsonRead.OptionalDoubles(root, path, "recentUpperThresholds"),
            EvaluatedDatapoints = JsonRead.OptionalObjects(root, path, "evaluatedDatapoints", ReadEvaluatedDatapoint),
            TriggeringAlarms = JsonRead.OptionalObjects(root, path, "triggeringAlarms", ReadTriggeringAlarm),
        };
    }

    private static EvaluatedDatapoint ReadEvaluatedDatapoint(JsonElement item, string path) => new()
    {
        Timestamp = JsonRead.RequireTimestamp(item, path, "timestamp"),
        SampleCount = JsonRead.OptionalDouble(item, path, "sampleCount"),
        Value = JsonRead.OptionalDouble(item, path, "value"),
    };

    private static TriggeringAlarm ReadTriggeringAlarm(JsonElement item, string path)
    {
        var state = JsonRead.RequireObjectProperty(item, path, "state", out string statePath);
        return new TriggeringAlarm
        {
            Arn = JsonRead.RequireString(item, path, "arn"),
            State = JsonRead.StateValue(state, statePath, "value"),
            Timestamp = JsonRead.RequireTimestamp(state, statePath, "timestamp"),
        };
    }
}
