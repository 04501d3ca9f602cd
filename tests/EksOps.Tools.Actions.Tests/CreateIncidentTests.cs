using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions.Tests;

/// <summary><c>create_incident</c> through the registry: one record and one <c>Incident Opened</c> event per incident, failures reported.</summary>
public class CreateIncidentTests
{
    private static JsonObject Arguments(string title = "checkout pods OOMKilled after a traffic spike") => new()
    {
        ["title"] = title,
        ["severity"] = "high",
        ["summary"] = "checkout's app container exceeds its 512Mi limit under load and is OOMKilled.",
        ["findings"] = new JsonArray("pod checkout-6d6584985-fxfnn: lastState OOMKilled, exit 137"),
        ["links"] = new JsonArray("https://console.aws.amazon.com/cloudwatch/home#alarmsV2:"),
    };

    [Fact]
    public async Task The_same_incident_twice_is_recorded_once_and_published_once_with_its_id()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");

        var first = await served.InvokeAsync("create_incident", Arguments());
        var second = await served.InvokeAsync("create_incident", Arguments());

        Assert.Equal(ToolOutcome.Success, first.Outcome);
        Assert.Equal("applied", (string?)first.Content["status"]);
        Assert.Equal("no-cluster-change", (string?)first.Content["policy"]!["rule"]);
        Assert.Equal("no-action", (string?)first.Content["change"]!["effect"]);
        string id = (string)first.Content["result"]!["incidentId"]!;
        Assert.Matches("^inc-[0-9a-f]{24}$", id);
        Assert.Equal(id, (string?)second.Content["result"]!["incidentId"]);
        Assert.Equal("event-1", (string?)first.Content["result"]!["eventId"]);
        Assert.Equal("event-1", (string?)second.Content["result"]!["eventId"]);
        Assert.Equal("2026-11-20T10:02:00Z", (string?)first.Content["result"]!["createdAt"]);
        Assert.False((bool)first.Content["result"]!["alreadyRecorded"]!);
        Assert.True((bool)second.Content["result"]!["alreadyRecorded"]!);
        var record = Assert.Single(served.Incidents.Records);
        Assert.Equal((id, "event-1", "high"), (record.Id, record.EventId, record.Severity));
        var entry = Assert.Single(served.EventBridge.Accepted);
        Assert.Equal(("eksops", "Incident Opened", "eksops-incidents"), ((string?)entry["Source"], (string?)entry["DetailType"], (string?)entry["EventBusName"]));
        Assert.Equal("arn:aws:eks:ap-northeast-2:482913370561:cluster/retail-prod-apne2", (string?)entry["Resources"]![0]);
        var detail = JsonNode.Parse((string)entry["Detail"]!)!;
        Assert.Equal((id, "retail-prod-apne2", "production", "high"), ((string?)detail["incidentId"], (string?)detail["cluster"], (string?)detail["environment"], (string?)detail["severity"]));
        Assert.Equal(["pod checkout-6d6584985-fxfnn: lastState OOMKilled, exit 137"], detail["findings"]!.AsArray().Select(f => (string?)f));
        Assert.Empty(served.Writes);
    }

    [Fact]
    public async Task Different_incidents_get_different_ids()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");

        var one = await served.InvokeAsync("create_incident", Arguments());
        var other = await served.InvokeAsync("create_incident", Arguments("checkout latency high"));

        Assert.NotEqual((string?)one.Content["result"]!["incidentId"], (string?)other.Content["result"]!["incidentId"]);
        Assert.Equal(2, served.Incidents.Records.Count);
        Assert.Equal(2, served.EventBridge.Accepted.Count);
    }

    [Fact]
    public async Task A_refused_event_fails_the_call_and_the_retry_publishes_the_recorded_incident_once()
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");
        served.EventBridge.FailWith = "AccessDeniedException";

        var failed = await served.InvokeAsync("create_incident", Arguments());
        var recorded = Assert.Single(served.Incidents.Records);
        served.EventBridge.FailWith = null;
        var retried = await served.InvokeAsync("create_incident", Arguments());

        Assert.Equal(ToolOutcome.Failed, failed.Outcome);
        Assert.Equal("publish_failed", failed.ErrorCode);
        Assert.Contains("AccessDeniedException", (string?)failed.Content["error"]!["message"], StringComparison.Ordinal);
        Assert.Null(recorded.EventId);
        Assert.Equal(ToolOutcome.Success, retried.Outcome);
        Assert.True((bool)retried.Content["result"]!["alreadyRecorded"]!);
        Assert.Equal(recorded.Id, (string?)retried.Content["result"]!["incidentId"]);
        Assert.Equal(2, served.EventBridge.Calls);
        var entry = Assert.Single(served.EventBridge.Accepted);
        Assert.Equal((string?)entry["EventId"], Assert.Single(served.Incidents.Records).EventId);
    }
}
