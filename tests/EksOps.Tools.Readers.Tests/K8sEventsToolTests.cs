using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers.Tests;

/// <summary><c>get_k8s_events</c> through the registry against served corpus scenarios.</summary>
public class K8sEventsToolTests
{
    [Theory]
    [InlineData("checkout-restarts-prod")]
    [InlineData("search-indexer-restarts-staging")]
    [InlineData("storefront-unavailable-replicas-prod")]
    public async Task The_events_of_the_crashing_pod_are_the_scenarios_events_about_it_newest_first(string id)
    {
        await using var served = await ServedScenario.StartAsync(id);
        var log = served.Scenario.Logs.First(l => l.Previous);
        var expected = ScenarioEvents(served)
            .Where(e => (string?)e["involvedObject"]?["kind"] == "Pod" && (string?)e["involvedObject"]?["name"] == log.Pod)
            .ToList();
        Assert.NotEmpty(expected);

        var result = await served.InvokeAsync("get_k8s_events", new JsonObject
        {
            ["namespace"] = log.Namespace, ["involvedKind"] = "Pod", ["involvedName"] = log.Pod,
        });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        var events = result.Content["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal((int)result.Content["count"]!, events.Count);
        Assert.All(events, e => Assert.Equal(log.Pod, (string?)e["involvedObject"]!["name"]));
        Assert.Equal(
            expected.Select(e => ((string?)e["reason"], (string?)e["message"])).Distinct().Order(),
            events.Select(e => ((string?)e["reason"], (string?)e["message"])).Order());
        Assert.Equal(
            expected.Sum(e => Count(e)),
            events.Sum(e => Count(e)));
        var last = events.Select(e => (string?)e["lastTimestamp"]).Where(t => t is not null).ToList();
        Assert.Equal(last.OrderDescending(StringComparer.Ordinal), last);
    }

    [Fact]
    public async Task Every_namespace_holds_every_event_and_the_since_window_cuts_older_ones()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");
        var all = await served.InvokeAsync("get_k8s_events", []);
        var recent = await served.InvokeAsync("get_k8s_events", new JsonObject { ["sinceSeconds"] = 120 });

        Assert.Equal(ToolOutcome.Success, all.Outcome);
        Assert.Equal(ToolOutcome.Success, recent.Outcome);
        Assert.Equal(ScenarioEvents(served).Sum(e => Count(e)), all.Content["events"]!.AsArray().Sum(e => Count(e!)));
        var cutoff = served.Scenario.Now.AddSeconds(-120);
        Assert.All(
            recent.Content["events"]!.AsArray(),
            e => Assert.True(DateTimeOffset.Parse((string)e!["lastTimestamp"]!, System.Globalization.CultureInfo.InvariantCulture) >= cutoff));
        Assert.True((int)recent.Content["count"]! < (int)all.Content["count"]!);
    }

    [Fact]
    public async Task An_unknown_uid_matches_nothing()
    {
        await using var served = await ServedScenario.StartAsync("checkout-restarts-prod");

        var result = await served.InvokeAsync("get_k8s_events", new JsonObject { ["namespace"] = "shop", ["involvedUid"] = "00000000-0000-0000-0000-000000000000" });

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal(0, (int)result.Content["count"]!);
    }

    private static long Count(JsonNode e) =>
        e["count"] is { } count ? Math.Max(long.Parse(count.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture), 1) : 1;

    private static IEnumerable<JsonObject> ScenarioEvents(ServedScenario served) =>
        served.Scenario.Objects.Where(o => (string?)o["kind"] == "Event");
}
