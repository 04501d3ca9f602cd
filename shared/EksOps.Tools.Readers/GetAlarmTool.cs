using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Http;

namespace EksOps.Tools.Readers;

/// <summary>The body of <c>get_alarm</c>: an alarm's configuration, state and recent history (DescribeAlarms, DescribeAlarmHistory).</summary>
/// <param name="pipelines">The AWS pipeline for a cluster (its Region and credentials).</param>
public sealed class GetAlarmTool(Func<ClusterInfo, AwsHttpPipeline> pipelines) : IToolHandler
{
    /// <inheritdoc/>
    public async ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var name = arguments.GetString("alarmName");
        var historyItems = arguments.GetInt32("historyItems");
        var client = new CloudWatchClient(pipelines(context.Cluster));
        DescribeAlarmsResult alarms;
        try
        {
            alarms = await client.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = [name] }, context.CancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw AwsErrors.Map(e, "DescribeAlarms");
        }

        JsonObject result;
        if (alarms.MetricAlarms.FirstOrDefault(a => a.AlarmName == name) is { } metric)
        {
            result = Header(metric.AlarmName, metric.AlarmArn, "metric", metric.StateValue, metric.StateReason, metric.StateReasonData, metric.StateUpdatedTimestamp);
            result["configuration"] = Configuration(metric);
        }
        else if (alarms.CompositeAlarms.FirstOrDefault(a => a.AlarmName == name) is { } composite)
        {
            result = Header(composite.AlarmName, composite.AlarmArn, "composite", composite.StateValue, composite.StateReason, composite.StateReasonData, composite.StateUpdatedTimestamp);
            var configuration = new JsonObject { ["alarmRule"] = composite.AlarmRule };
            AddActions(configuration, composite.AlarmDescription, composite.ActionsEnabled, composite.AlarmActions, composite.OKActions, composite.InsufficientDataActions);
            result["configuration"] = configuration;
        }
        else
        {
            throw new ToolException("not_found", $"there is no CloudWatch alarm named {name} in {context.Cluster.Region}");
        }

        if (historyItems > 0)
        {
            DescribeAlarmHistoryResult history;
            try
            {
                history = await client.DescribeAlarmHistoryAsync(
                    new DescribeAlarmHistoryRequest { AlarmName = name, ScanBy = ScanBy.TimestampDescending, PageSize = historyItems, MaxPages = 1 },
                    context.CancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                throw AwsErrors.Map(e, "DescribeAlarmHistory");
            }

            result["history"] = new JsonArray([.. history.AlarmHistoryItems
                .OrderByDescending(h => h.Timestamp ?? DateTimeOffset.MinValue)
                .Take(historyItems)
                .Select(h => (JsonNode?)new JsonObject
                {
                    ["timestamp"] = h.Timestamp is { } t ? CloudWatchMetricsTool.Format(t) : string.Empty,
                    ["type"] = h.HistoryItemType ?? string.Empty,
                    ["summary"] = h.HistorySummary ?? string.Empty,
                })]);
        }

        return result;
    }

    private static JsonObject Header(string name, string? arn, string type, string? state, string? reason, string? reasonData, DateTimeOffset? updated)
    {
        var stateJson = new JsonObject { ["value"] = state ?? "INSUFFICIENT_DATA" };
        if (reason is not null)
        {
            stateJson["reason"] = reason;
        }

        if (updated is { } at)
        {
            stateJson["updatedAt"] = CloudWatchMetricsTool.Format(at);
        }

        if (!string.IsNullOrEmpty(reasonData))
        {
            try
            {
                if (JsonNode.Parse(reasonData) is JsonObject data)
                {
                    stateJson["reasonData"] = data;
                }
            }
            catch (JsonException)
            {
                // reasonData that is not a JSON object is left out; the reason text says the same.
            }
        }

        var result = new JsonObject { ["alarmName"] = name };
        if (arn is not null)
        {
            result["alarmArn"] = arn;
        }

        result["type"] = type;
        result["state"] = stateJson;
        return result;
    }

    private static JsonObject Configuration(MetricAlarm alarm)
    {
        var configuration = new JsonObject();
        if (alarm.MetricName is not null)
        {
            configuration["namespace"] = alarm.Namespace;
            configuration["metricName"] = alarm.MetricName;
            configuration["dimensions"] = Dimensions(alarm.Dimensions);
            configuration["statistic"] = alarm.Statistic ?? alarm.ExtendedStatistic;
            configuration["period"] = alarm.Period;
        }

        if (alarm.Metrics.Count > 0)
        {
            configuration["metrics"] = new JsonArray([.. alarm.Metrics.Select(q =>
            {
                var query = new JsonObject { ["id"] = q.Id };
                if (q.Expression is not null)
                {
                    query["expression"] = q.Expression;
                }

                if (q.Label is not null)
                {
                    query["label"] = q.Label;
                }

                if (q.MetricStat is { } stat)
                {
                    query["metricStat"] = new JsonObject
                    {
                        ["namespace"] = stat.Metric.Namespace,
                        ["metricName"] = stat.Metric.MetricName,
                        ["dimensions"] = Dimensions(stat.Metric.Dimensions),
                        ["period"] = stat.Period,
                        ["stat"] = stat.Stat,
                    };
                }

                if (q.ReturnData is { } returnData)
                {
                    query["returnData"] = returnData;
                }

                return (JsonNode?)query;
            })]);
        }

        configuration["threshold"] = alarm.Threshold;
        configuration["comparisonOperator"] = alarm.ComparisonOperator;
        configuration["evaluationPeriods"] = alarm.EvaluationPeriods;
        configuration["datapointsToAlarm"] = alarm.DatapointsToAlarm;
        configuration["treatMissingData"] = alarm.TreatMissingData;
        AddActions(configuration, alarm.AlarmDescription, alarm.ActionsEnabled, alarm.AlarmActions, alarm.OKActions, alarm.InsufficientDataActions);
        foreach (var key in configuration.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            configuration.Remove(key);
        }

        return configuration;
    }

    private static void AddActions(JsonObject configuration, string? description, bool? enabled, IReadOnlyList<string> alarm, IReadOnlyList<string> ok, IReadOnlyList<string> insufficient)
    {
        if (description is not null)
        {
            configuration["description"] = description;
        }

        if (enabled is { } actionsEnabled)
        {
            configuration["actionsEnabled"] = actionsEnabled;
        }

        configuration["alarmActions"] = Strings(alarm);
        configuration["okActions"] = Strings(ok);
        configuration["insufficientDataActions"] = Strings(insufficient);
    }

    private static JsonObject Dimensions(IReadOnlyList<Dimension> dimensions)
    {
        var json = new JsonObject();
        foreach (var dimension in dimensions)
        {
            json[dimension.Name] = dimension.Value;
        }

        return json;
    }

    private static JsonArray Strings(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
