using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers.Tests;

/// <summary><c>get_alarm</c> through the registry against the scenario's CloudWatch endpoint.</summary>
public class GetAlarmToolTests
{
    [Theory]
    [InlineData("checkout-restarts-prod")]
    [InlineData("search-indexer-restarts-staging")]
    [InlineData("storefront-unavailable-replicas-prod")]
    public async Task The_alarm_that_fired_comes_back_in_its_state_with_its_reason_and_metrics(string id)
    {
        await using var served = await ServedScenario.StartAsync(id);
        var change = served.Scenario.Alarm.StateChange;
        var name = change.AlarmName;

        var result = await served.InvokeAsync("get_alarm", new JsonObject { ["alarmName"] = name });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal(name, (string?)result.Content["alarmName"]);
        Assert.Equal(change.AlarmArn, (string?)result.Content["alarmArn"]);
        Assert.Equal("metric", (string?)result.Content["type"]);
        Assert.Equal(change.State.Value.ToString(), ((string)result.Content["state"]!["value"]!).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
        Assert.Equal(change.State.Reason, (string?)result.Content["state"]!["reason"]);
        var configuration = result.Content["configuration"]!;
        Assert.Equal(change.Configuration.Metrics.Count, configuration["metrics"]?.AsArray().Count ?? (configuration["metricName"] is null ? 0 : 1));
        Assert.NotNull(configuration["threshold"]);
        Assert.NotNull(result.Content["history"]);
    }

    [Fact]
    public async Task An_unknown_alarm_fails_with_not_found()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var result = await served.InvokeAsync("get_alarm", new JsonObject { ["alarmName"] = "no-such-alarm" });

        Assert.Equal(ToolOutcome.Failed, result.Outcome);
        Assert.Equal("not_found", result.ErrorCode);
        Assert.Contains("no-such-alarm", (string)result.Content["error"]!["message"]!, StringComparison.Ordinal);
    }
}
