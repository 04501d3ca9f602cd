using System.Text.Json.Nodes;

namespace EksOps.Tools.Faces.Tests;

/// <summary>OpenAPI action-group events (<c>POST /tools/&lt;name&gt;</c>, arguments in the JSON request body) against a served scenario.</summary>
public class ActionGroupOpenApiTests
{
    [Fact]
    public async Task A_resource_read_answers_200_with_an_application_json_body_and_echoes_path_and_method()
    {
        await using var served = await ServedScenario.StartAsync();
        var pod = served.Scenario.Logs[0].Pod;
        var session = BedrockEvents.Session(cluster: served.ClusterName);
        var actionGroupEvent = BedrockEvents.OpenApi("/tools/get_k8s_resource", session,
            ("kind", "string", "Pod"), ("namespace", "string", "shop"), ("name", "string", pod));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        var inner = response["response"]!.AsObject();
        Assert.Equal(["actionGroup", "apiPath", "httpMethod", "httpStatusCode", "responseBody"], inner.Select(p => p.Key));
        Assert.Equal("/tools/get_k8s_resource", (string?)inner["apiPath"]);
        Assert.Equal("POST", (string?)inner["httpMethod"]);
        Assert.Equal(200, (int)inner["httpStatusCode"]!);
        Assert.Equal(["application/json"], inner["responseBody"]!.AsObject().Select(p => p.Key));
        Assert.Equal(pod, (string?)BedrockEvents.Body(response)["object"]!["metadata"]!["name"]);
        Assert.True(JsonNode.DeepEquals(session, response["sessionAttributes"]));
        Assert.Empty(response["promptSessionAttributes"]!.AsObject());
    }

    [Fact]
    public async Task Integer_and_boolean_strings_in_the_body_are_coerced()
    {
        await using var served = await ServedScenario.StartAsync();
        var log = served.Scenario.Logs.Single(l => !l.Previous);
        var actionGroupEvent = BedrockEvents.OpenApi("/tools/get_pod_logs", null,
            ("namespace", "string", log.Namespace), ("pod", "string", log.Pod), ("previous", "boolean", "false"), ("tailLines", "integer", "3"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal(200, (int)response["response"]!["httpStatusCode"]!);
        Assert.Equal(3, (int)BedrockEvents.Body(response)["lineCount"]!);
    }

    [Fact]
    public async Task Path_and_query_parameters_count_as_arguments_too()
    {
        await using var served = await ServedScenario.StartAsync();
        var actionGroupEvent = BedrockEvents.OpenApi("/tools/list_k8s_resources", null, ("kind", "string", "Pod"));
        actionGroupEvent["parameters"] = new JsonArray(
            new JsonObject { ["name"] = "namespace", ["type"] = "string", ["value"] = "shop" },
            new JsonObject { ["name"] = "limit", ["type"] = "integer", ["value"] = "1" });

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal(200, (int)response["response"]!["httpStatusCode"]!);
        Assert.Equal(1, (int)BedrockEvents.Body(response)["count"]!);
    }

    [Fact]
    public async Task Invalid_arguments_answer_400_and_a_denied_read_403()
    {
        await using var served = await ServedScenario.StartAsync(policy: new ToolPolicyOptions { SensitiveReadsEnabled = false });
        var handler = new BedrockActionGroupHandler(served.Registry);

        var invalid = await handler.HandleAsync(
            BedrockEvents.Element(BedrockEvents.OpenApi("/tools/list_k8s_resources", null, ("kind", "string", "Pod"), ("limit", "integer", "many"))),
            ServedScenario.Context());
        var denied = await handler.HandleAsync(
            BedrockEvents.Element(BedrockEvents.OpenApi("/tools/get_k8s_events", null, ("namespace", "string", "shop"))),
            ServedScenario.Context());

        Assert.Equal(400, (int)invalid["response"]!["httpStatusCode"]!);
        Assert.Null(invalid["response"]!["responseState"]);
        Assert.Equal("/limit", (string?)BedrockEvents.Body(invalid)["error"]!["violations"]![0]!["path"]);
        Assert.Equal(403, (int)denied["response"]!["httpStatusCode"]!);
        Assert.Equal("policy_denied", (string?)BedrockEvents.Body(denied)["error"]!["code"]);
    }

    [Fact]
    public async Task A_path_that_is_no_tool_answers_400_listing_the_tool_paths()
    {
        await using var served = await ServedScenario.StartAsync();

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(
            BedrockEvents.Element(BedrockEvents.OpenApi("/claims/{claimId}/identify-missing-documents", null)), ServedScenario.Context());

        Assert.Equal(400, (int)response["response"]!["httpStatusCode"]!);
        var error = BedrockEvents.Body(response)["error"]!;
        Assert.Equal("unknown_tool", (string?)error["code"]);
        Assert.Contains("/tools/get_pod_logs", (string)error["message"]!, StringComparison.Ordinal);
    }
}
