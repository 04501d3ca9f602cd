using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.Logs;

namespace EksOps.Tools.Readers;

/// <summary>The body of <c>query_cloudwatch_logs</c>: a Logs Insights query, a filter pattern, or the most recent events of a log group.</summary>
/// <param name="pipelines">The AWS pipeline for a cluster (its Region and credentials).</param>
/// <param name="time">The clock relative ranges end at; the system clock by default.</param>
public sealed class QueryCloudWatchLogsTool(Func<ClusterInfo, AwsHttpPipeline> pipelines, TimeProvider? time = null) : IToolHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var logType = arguments.GetOptionalString("logGroupName") is null ? arguments.GetOptionalString("logType") ?? "application" : null;
        var group = arguments.GetOptionalString("logGroupName") ?? LogGroup(context.Cluster.Name, logType!);
        var streamPrefix = logType is null ? null : ControlPlaneStreamPrefix(logType);
        var limit = arguments.GetInt32("limit");
        var end = arguments.GetOptionalDateTime("endTime") ?? _time.GetUtcNow();
        var start = arguments.GetOptionalDateTime("startTime")
            ?? end.AddMinutes(-(arguments.Has("minutes") ? arguments.GetInteger("minutes") : 30));
        if (start >= end)
        {
            throw new ToolException("invalid_time_range", $"startTime {CloudWatchMetricsTool.Format(start)} is not before endTime {CloudWatchMetricsTool.Format(end)}");
        }

        var client = new CloudWatchLogsClient(pipelines(context.Cluster));
        var result = new JsonObject
        {
            ["logGroupName"] = group,
            ["startTime"] = CloudWatchMetricsTool.Format(start),
            ["endTime"] = CloudWatchMetricsTool.Format(end),
        };
        var rows = new JsonArray();
        try
        {
            if (arguments.GetOptionalString("query") is { } query)
            {
                result["mode"] = "insights";
                // A control-plane log type shares one log group; its streams are told apart by name.
                if (streamPrefix is not null)
                {
                    query = $"filter @logStream like /^{streamPrefix}/ | {query}";
                }

                var results = await client.RunQueryAsync(
                    new StartQueryRequest { QueryString = query, LogGroupNames = [group], StartTime = start, EndTime = end, Limit = limit },
                    cancellationToken: context.CancellationToken).ConfigureAwait(false);
                if (results.Status == QueryStatus.Failed)
                {
                    throw new ToolException("query_failed", $"the Logs Insights query failed: {results.StatusText ?? "no reason given"}");
                }

                result["status"] = results.Status.ToString();
                foreach (var row in results.Rows.Take(limit))
                {
                    var json = new JsonObject();
                    foreach (var field in row.Fields.Where(f => f.Field != "@ptr"))
                    {
                        json[field.Field] = field.Value;
                    }

                    rows.Add((JsonNode)json);
                }
            }
            else
            {
                var pattern = arguments.GetOptionalString("filterPattern");
                result["mode"] = pattern is null ? "recent" : "filter";
                var events = await client.FilterLogEventsAsync(
                    new FilterLogEventsRequest { LogGroupName = group, StartTime = start, EndTime = end, FilterPattern = pattern, LogStreamNamePrefix = streamPrefix, MaxEvents = pattern is null ? 10_000 : limit },
                    context.CancellationToken).ConfigureAwait(false);

                // The most recent events, oldest first.
                foreach (var e in events.Events.OrderBy(e => e.Timestamp).TakeLast(limit))
                {
                    rows.Add((JsonNode)new JsonObject
                    {
                        ["timestamp"] = CloudWatchMetricsTool.Format(e.Timestamp),
                        ["logStreamName"] = e.LogStreamName ?? string.Empty,
                        ["message"] = e.Message ?? string.Empty,
                    });
                }
            }
        }
        catch (AwsServiceException e)
        {
            throw AwsErrors.Map(e, arguments.Has("query") ? "StartQuery" : "FilterLogEvents");
        }

        result["rowCount"] = rows.Count;
        result["rows"] = rows;
        return result;
    }

    /// <summary>The stream name prefix of an EKS control-plane log type; <see langword="null"/> for Container Insights types.</summary>
    internal static string? ControlPlaneStreamPrefix(string logType) => logType switch
    {
        "api" => "kube-apiserver-",
        "audit" => "kube-apiserver-audit-",
        "authenticator" => "authenticator-",
        "controllerManager" => "kube-controller-manager-",
        "scheduler" => "kube-scheduler-",
        _ => null,
    };

    /// <summary>The log group of a cluster's log type.</summary>
    internal static string LogGroup(string cluster, string logType) => logType switch
    {
        "application" or "dataplane" or "host" or "performance" => $"/aws/containerinsights/{cluster}/{logType}",
        _ => $"/aws/eks/{cluster}/cluster",
    };
}
