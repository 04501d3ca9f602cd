using System.Text.Json.Nodes;

namespace EksOps.Tools.Faces.Tests;

/// <summary>Writes through the action group in a production cluster: approval comes only from the session's token.</summary>
public class ActionGroupWriteTests
{
    private const string Target = "{\"kind\": \"Deployment\", \"namespace\": \"shop\", \"name\": \"checkout\"}";

    [Fact]
    public async Task Without_a_token_a_production_write_answers_its_approval_required_envelope_and_changes_nothing()
    {
        await using var served = await ServedScenario.StartAsync();
        var actionGroupEvent = BedrockEvents.Function("execute_runbook", BedrockEvents.Session(cluster: served.ClusterName),
            ("runbook", "string", "increase-memory-limit"), ("target", "string", Target), ("dryRun", "boolean", "false"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Null(response["response"]!["functionResponse"]!["responseState"]);
        var body = BedrockEvents.Body(response);
        Assert.Equal("approval-required", (string?)body["status"]);
        Assert.Equal(FakeRunbookTool.ChangeFor(served.ClusterName, "shop", "checkout").PatchHash, (string?)body["change"]!["patchHash"]);
        Assert.Equal(0, served.Runbooks.Applied);
    }

    [Fact]
    public async Task The_session_approval_token_lets_exactly_its_change_through_over_OpenAPI()
    {
        await using var served = await ServedScenario.StartAsync();
        var session = BedrockEvents.Session(cluster: served.ClusterName, approval: served.Approve("shop", "checkout"));
        var handler = new BedrockActionGroupHandler(served.Registry);

        var approved = await handler.HandleAsync(BedrockEvents.Element(BedrockEvents.OpenApi("/tools/execute_runbook", session,
            ("runbook", "string", "increase-memory-limit"), ("target", "object", "{kind=Deployment, namespace=shop, name=checkout}"), ("dryRun", "boolean", "false"))),
            ServedScenario.Context());
        var other = await handler.HandleAsync(BedrockEvents.Element(BedrockEvents.OpenApi("/tools/execute_runbook", session,
            ("runbook", "string", "increase-memory-limit"), ("target", "object", "{kind=Deployment, namespace=shop, name=cart}"), ("dryRun", "boolean", "false"))),
            ServedScenario.Context());

        Assert.Equal(200, (int)approved["response"]!["httpStatusCode"]!);
        Assert.Equal("applied", (string?)BedrockEvents.Body(approved)["status"]);
        Assert.Equal(403, (int)other["response"]!["httpStatusCode"]!);
        // A token for another change is not "no approval yet": the policy refuses the change outright.
        Assert.Equal("denied", (string?)BedrockEvents.Body(other)["status"]);
        Assert.Equal(1, served.Runbooks.Applied);
        Assert.True(JsonNode.DeepEquals(session, approved["sessionAttributes"]));
    }
}
