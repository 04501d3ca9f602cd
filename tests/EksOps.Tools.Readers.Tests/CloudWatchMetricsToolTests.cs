using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers.Tests;

/// <summary><c>get_cloudwatch_metrics</c> through the registry against the scenario's CloudWatch endpoint.</summary>
public class CloudWatchMetricsToolTests
{
    [Theory]
    [InlineData("checkout-restarts-prod")]
    [InlineData("search-indexer-restarts-staging")]
    [InlineData("storefront-unavailable-replicas-prod")]
    public async Task Every_series_of_the_scenario_comes_back_point_for_point(string id)
    {
        await using var served = await ServedScenario.StartAsync(id);
        Assert.NotEmpty(served.Scenario.Metrics);

        foreach (var series in served.Scenario.Metrics)
        {
            var dimensions = new JsonObject();
            foreach (var (key, value) in series.Dimensions)
            {
                dimensions[key] = value;
            }

            var result = await served.InvokeAsync("get_cloudwatch_metrics", new JsonObject
            {
                ["namespace"] = series.Namespace,
                ["metricName"] = series.MetricName,
                ["dimensions"] = dimensions,
                ["stat"] = "Maximum",
                ["period"] = series.Period,
                ["startTime"] = Format(series.Points[0].Timestamp),
                ["endTime"] = Format(series.Points[^1].Timestamp.AddSeconds(series.Period)),
            });

            Assert.Equal(ToolOutcome.Success, result.Outcome);
            var points = result.Content["datapoints"]!.AsArray();
            Assert.Equal(series.Points.Select(p => p.Value), points.Select(p => (double)p!["value"]!));
            Assert.Equal(series.Points.Select(p => Format(p.Timestamp)), points.Select(p => (string?)p!["timestamp"]));
        }
    }

    [Fact]
    public async Task The_last_minutes_end_at_the_clock_and_hold_the_restart_climb()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var series = served.Scenario.Metrics.First(m => m.MetricName == "pod_number_of_container_restarts");

        var result = await served.InvokeAsync("get_cloudwatch_metrics", new JsonObject
        {
            ["namespace"] = series.Namespace,
            ["metricName"] = series.MetricName,
            ["dimensions"] = new JsonObject { ["ClusterName"] = series.Dimensions["ClusterName"], ["Namespace"] = "shop", ["PodName"] = "checkout" },
            ["stat"] = "Maximum",
            ["minutes"] = 5,
        });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal(Format(served.Scenario.Now), (string?)result.Content["endTime"]);
        var expected = series.Points.Where(p => p.Timestamp >= served.Scenario.Now.AddMinutes(-5) && p.Timestamp < served.Scenario.Now).Select(p => p.Value);
        Assert.Equal(expected, result.Content["datapoints"]!.AsArray().Select(p => (double)p!["value"]!));
    }

    [Fact]
    public async Task Both_startTime_and_minutes_are_refused_as_invalid_arguments()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var result = await served.InvokeAsync("get_cloudwatch_metrics", new JsonObject
        {
            ["namespace"] = "ContainerInsights", ["metricName"] = "x", ["startTime"] = "2026-11-20T09:00:00Z", ["minutes"] = 5,
        });

        Assert.Equal(ToolOutcome.InvalidArguments, result.Outcome);
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
