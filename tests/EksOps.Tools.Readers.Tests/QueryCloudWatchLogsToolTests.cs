using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.Tools.Readers.Tests;

/// <summary><c>query_cloudwatch_logs</c> through the registry against the scenario's CloudWatch Logs endpoint (Container Insights application logs).</summary>
public class QueryCloudWatchLogsToolTests
{
    [Theory]
    [InlineData("checkout-restarts-prod")]
    [InlineData("search-indexer-restarts-staging")]
    public async Task A_filter_pattern_finds_the_crashing_containers_last_line_in_the_application_log_group(string id)
    {
        await using var served = await ServedScenario.StartAsync(id);
        var token = Token(served);

        var result = await served.InvokeAsync("query_cloudwatch_logs", Range(served, new JsonObject { ["filterPattern"] = $"\"{token}\"", ["limit"] = 20 }));

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("filter", (string?)result.Content["mode"]);
        Assert.Equal($"/aws/containerinsights/{served.Scenario.Cluster.Name}/application", (string?)result.Content["logGroupName"]);
        var rows = result.Content["rows"]!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(token, (string)r!["message"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Logs_Insights_query_returns_rows_of_fields()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var token = Token(served);

        var result = await served.InvokeAsync("query_cloudwatch_logs", Range(served, new JsonObject
        {
            ["query"] = $"fields @timestamp, @message | filter @message like /{token}/ | sort @timestamp desc | limit 10",
        }));

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("insights", (string?)result.Content["mode"]);
        var rows = result.Content["rows"]!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(token, (string)r!["@message"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_query_the_most_recent_events_come_back_up_to_the_limit()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var result = await served.InvokeAsync("query_cloudwatch_logs", Range(served, new JsonObject { ["limit"] = 5 }));

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("recent", (string?)result.Content["mode"]);
        Assert.Equal(5, result.Content["rows"]!.AsArray().Count);
    }

    [Fact]
    public async Task Logs_queries_are_refused_where_namespaces_are_restricted()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod", new ToolPolicyOptions { AllowedNamespaces = ["shop"] });

        var result = await served.InvokeAsync("query_cloudwatch_logs", new JsonObject { ["filterPattern"] = "ERROR" });

        Assert.Equal(ToolOutcome.PolicyDenied, result.Outcome);
    }

    private static JsonObject Range(ServedScenario served, JsonObject arguments)
    {
        arguments["startTime"] = served.Scenario.Now.AddDays(-3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        arguments["endTime"] = served.Scenario.Now.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return arguments;
    }

    private static string Token(ServedScenario served)
    {
        var last = served.Scenario.Logs.First(l => l.Previous).Text.TrimEnd('\n').Split('\n')[^1];
        return Regex.Matches(last, "[A-Za-z]{6,}").Select(m => m.Value).OrderByDescending(w => w.Length).First();
    }
}
