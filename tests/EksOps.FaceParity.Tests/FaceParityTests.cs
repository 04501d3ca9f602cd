using System.Text.Json.Nodes;

namespace EksOps.FaceParity.Tests;

/// <summary>
/// Every tool through every face against one served production scenario: the same result modulo the face's envelope,
/// and a production write refused by every face unless a human approved that exact change.
/// </summary>
public sealed class FaceParityTests
{
    private const string ScenarioId = "checkout-restarts-prod";

    /// <summary>One call per tool, with arguments that reach the scenario's objects, logs, metrics and alarm.</summary>
    public static TheoryData<string, string> Calls() => new()
    {
        { "list_k8s_resources", """{"kind": "Pod", "namespace": "shop", "labelSelector": "app=checkout", "limit": 3}""" },
        { "get_k8s_resource", """{"kind": "Pod", "namespace": "shop", "name": "checkout-6d6584985-fxfnn"}""" },
        { "get_pod_logs", """{"namespace": "shop", "pod": "checkout-6d6584985-fxfnn", "previous": true, "tailLines": 5}""" },
        { "get_k8s_events", """{"namespace": "shop", "involvedKind": "Pod", "involvedName": "checkout-6d6584985-fxfnn"}""" },
        { "get_cloudwatch_metrics", """{"namespace": "ContainerInsights", "metricName": "pod_number_of_container_restarts", "dimensions": {"ClusterName": "retail-prod-apne2", "Namespace": "shop", "PodName": "checkout"}, "stat": "Maximum", "period": 60, "minutes": 15}""" },
        { "query_cloudwatch_logs", """{"logType": "application", "filterPattern": "error", "minutes": 30, "limit": 5}""" },
        { "get_alarm", """{"alarmName": "retail-prod-apne2-shop-checkout-restarts", "historyItems": 3}""" },
        { "execute_runbook", """{"runbook": "increase-memory-limit", "target": {"kind": "Deployment", "namespace": "shop", "name": "checkout", "container": "app"}, "dryRun": true}""" },
        { "create_incident", """{"title": "checkout OOMKilled in retail-prod-apne2", "severity": "high", "summary": "checkout's app container is killed for memory.", "findings": ["pod checkout-6d6584985-fxfnn: lastState OOMKilled, exit 137"], "links": ["https://runbooks.acme-retail.internal/k8s/restarts"]}""" },
    };

    public static TheoryData<Face> Faces() => [.. Enum.GetValues<Face>().Where(f => f != Face.Registry)];

    public static TheoryData<Face> ApprovableFaces() => [.. Enum.GetValues<Face>().Where(f => f != Face.AgentCoreGateway)];

    [Fact]
    public void Every_tool_of_the_catalogue_is_called()
    {
        Assert.Equal(ToolCatalog.All.Select(d => d.Name).Order(), Calls().Select(row => row.Data.Item1).Order());
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Every_face_returns_what_the_registry_returns(string tool, string argumentsJson)
    {
        await using var scenario = await ParityScenario.StartAsync(ScenarioId);
        var client = new FaceClient(scenario);
        var arguments = JsonNode.Parse(argumentsJson)!.AsObject();

        var reference = await client.CallAsync(Face.Registry, tool, arguments);

        Assert.Null(reference.Body["error"]);
        foreach (var face in Enum.GetValues<Face>().Where(f => f != Face.Registry))
        {
            var answer = await client.CallAsync(face, tool, arguments);
            Assert.True(
                JsonNode.DeepEquals(reference.Body, answer.Body),
                $"{face} answered {tool} differently:\n registry: {reference.Body.ToJsonString()}\n {face}: {answer.Body.ToJsonString()}");
        }

        Assert.Empty(scenario.AppliedWrites);
    }

    [Theory]
    [MemberData(nameof(Faces))]
    public async Task A_production_write_without_approval_is_refused_and_changes_nothing(Face face)
    {
        await using var scenario = await ParityScenario.StartAsync(ScenarioId);
        var arguments = Apply();

        var answer = await new FaceClient(scenario).CallAsync(face, "execute_runbook", arguments);

        Assert.Equal("approval-required", (string?)answer.Body["status"]);
        Assert.Contains("production", (string?)answer.Body["policy"]!["reason"], StringComparison.OrdinalIgnoreCase);
        Assert.Empty(scenario.AppliedWrites);
        switch (face)
        {
            case Face.ReturnControl:
                Assert.Equal("Deny", (string?)answer.Envelope["confirmationState"], ignoreCase: true);
                break;
            case Face.BedrockOpenApi:
                Assert.Equal(403, (int)answer.Envelope["response"]!["httpStatusCode"]!);
                break;
            case Face.Mcp:
                Assert.True((bool)answer.Envelope["result"]!["isError"]!);
                break;
            case Face.AgentCoreGateway:
                Assert.True((bool)answer.Envelope["isError"]!);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(ApprovableFaces))]
    public async Task A_production_write_with_an_approval_of_that_change_is_applied_once(Face face)
    {
        await using var scenario = await ParityScenario.StartAsync(ScenarioId);
        var client = new FaceClient(scenario);
        var plan = await client.CallAsync(Face.Registry, "execute_runbook", Apply());
        var approval = ParityScenario.Approve(plan.Body);

        var answer = await client.CallAsync(face, "execute_runbook", Apply(), approval);

        Assert.Equal("applied", (string?)answer.Body["status"]);
        var write = Assert.Single(scenario.AppliedWrites);
        Assert.Equal("checkout", write.Name);
        Assert.Equal(plan.Body["change"]!["patchHash"]!.ToJsonString(), answer.Body["change"]!["patchHash"]!.ToJsonString());
    }

    [Fact]
    public async Task An_approval_of_another_change_is_refused_by_every_face_that_takes_one()
    {
        await using var scenario = await ParityScenario.StartAsync(ScenarioId);
        var client = new FaceClient(scenario);
        var other = Apply();
        other["runbook"] = "restart-rollout";
        other["target"]!.AsObject().Remove("container");
        var approvalOfOther = ParityScenario.Approve((await client.CallAsync(Face.Registry, "execute_runbook", other)).Body);

        foreach (var face in Enum.GetValues<Face>().Where(f => f != Face.AgentCoreGateway))
        {
            var answer = await client.CallAsync(face, "execute_runbook", Apply(), approvalOfOther);
            Assert.True((string?)answer.Body["status"] is "denied" or "approval-required", $"{face}: {answer.Body.ToJsonString()}");
        }

        Assert.Empty(scenario.AppliedWrites);
    }

    private static JsonObject Apply() => JsonNode.Parse(
        """{"runbook": "increase-memory-limit", "target": {"kind": "Deployment", "namespace": "shop", "name": "checkout", "container": "app"}, "dryRun": false}""")!.AsObject();
}
