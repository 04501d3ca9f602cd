using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Http;

namespace EksOps.Tools.Readers;

/// <summary>The body of <c>get_cloudwatch_metrics</c>: one metric's datapoints, oldest first, via GetMetricData.</summary>
/// <param name="pipelines">The AWS pipeline for a cluster (its Region and credentials).</param>
/// <param name="time">The clock relative ranges end at; the system clock by default.</param>
public sealed class CloudWatchMetricsTool(Func<ClusterInfo, AwsHttpPipeline> pipelines, TimeProvider? time = null) : IToolHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var metricNamespace = arguments.GetString("namespace");
        var metricName = arguments.GetString("metricName");
        var dimensions = arguments.Has("dimensions") ? arguments.GetStringMap("dimensions") : new Dictionary<string, string>();
        var stat = arguments.GetString("stat");
        var period = arguments.GetInt32("period");
        var end = arguments.GetOptionalDateTime("endTime") ?? _time.GetUtcNow();
        var start = arguments.GetOptionalDateTime("startTime")
            ?? end.AddMinutes(-(arguments.Has("minutes") ? arguments.GetInteger("minutes") : 60));
        if (start >= end)
        {
            throw new ToolException("invalid_time_range", $"startTime {Format(start)} is not before endTime {Format(end)}");
        }

        var client = new CloudWatchClient(pipelines(context.Cluster));
        GetMetricDataResult result;
        try
        {
            result = await client.GetMetricDataAsync(
                new GetMetricDataRequest
                {
                    MetricDataQueries = [MetricDataQuery.ForMetric("m1", new MetricStat
                    {
                        Metric = new Metric
                        {
                            Namespace = metricNamespace,
                            MetricName = metricName,
                            Dimensions = [.. dimensions.Select(d => new Dimension(d.Key, d.Value))],
                        },
                        Period = period,
                        Stat = stat,
                    })],
                    StartTime = start,
                    EndTime = end,
                    ScanBy = ScanBy.TimestampAscending,
                },
                context.CancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw AwsErrors.Map(e, "GetMetricData");
        }

        var series = result.Find("m1");
        var points = new JsonArray();
        if (series is not null)
        {
            foreach (var (timestamp, value) in series.Timestamps.Zip(series.Values).OrderBy(p => p.First))
            {
                points.Add((JsonNode)new JsonObject { ["timestamp"] = Format(timestamp), ["value"] = value });
            }
        }

        var dimensionJson = new JsonObject();
        foreach (var (key, value) in dimensions)
        {
            dimensionJson[key] = value;
        }

        return new JsonObject
        {
            ["namespace"] = metricNamespace,
            ["metricName"] = metricName,
            ["dimensions"] = dimensionJson,
            ["stat"] = stat,
            ["period"] = period,
            ["startTime"] = Format(start),
            ["endTime"] = Format(end),
            ["datapoints"] = points,
        };
    }

    internal static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
