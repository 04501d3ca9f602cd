using System.Text.Json.Nodes;
using EksOps.Lambda.Testing;

namespace EksOps.Tools.Faces.Tests;

/// <summary>AgentCore Gateway calls: the event is the argument map, the tool name is in the client context.</summary>
public class GatewayTargetHandlerTests
{
    [Fact]
    public async Task A_read_answers_the_MCP_CallToolResult_with_text_and_structured_content()
    {
        await using var served = await ServedScenario.StartAsync();
        var log = served.Scenario.Logs.Single(l => !l.Previous);
        var context = ServedScenario.Context(TestClientContext.ForAgentCoreTool("eksops___get_pod_logs"));

        var response = await new GatewayTargetHandler(served.Registry).HandleAsync(
            BedrockEvents.Element(new JsonObject { ["namespace"] = log.Namespace, ["pod"] = log.Pod, ["tailLines"] = 3 }), context);

        Assert.Equal(["content", "structuredContent", "isError"], response.Select(p => p.Key));
        Assert.False((bool)response["isError"]!);
        var block = Assert.Single(response["content"]!.AsArray())!;
        Assert.Equal("text", (string?)block["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse((string)block["text"]!), response["structuredContent"]));
        Assert.Equal(3, (int)response["structuredContent"]!["lineCount"]!);
        Assert.Equal([1.0], context.TestMetrics.ValuesOf(ToolMetricNames.Invocations));
    }

    [Fact]
    public async Task Invalid_arguments_and_a_denied_read_are_errors_as_text_without_structured_content()
    {
        await using var served = await ServedScenario.StartAsync(policy: new ToolPolicyOptions { SensitiveReadsEnabled = false });
        var handler = new GatewayTargetHandler(served.Registry);

        var invalid = await handler.HandleAsync(
            BedrockEvents.Element("{\"kind\": \"Pod\", \"limit\": 100000}"), ServedScenario.Context(TestClientContext.ForAgentCoreTool("eksops___list_k8s_resources")));
        var denied = await handler.HandleAsync(
            BedrockEvents.Element("{\"namespace\": \"shop\", \"pod\": \"checkout-6d6584985-h4tzr\"}"), ServedScenario.Context(TestClientContext.ForAgentCoreTool("eksops___get_pod_logs")));

        Assert.Equal(["content", "isError"], invalid.Select(p => p.Key));
        Assert.True((bool)invalid["isError"]!);
        Assert.Equal("invalid_arguments", ErrorCode(invalid));
        Assert.True((bool)denied["isError"]!);
        Assert.Equal("policy_denied", ErrorCode(denied));
    }

    [Fact]
    public async Task Without_the_client_context_tool_name_the_answer_says_what_the_gateway_should_have_sent()
    {
        var handler = new GatewayTargetHandler(MinimalRegistry.Create());

        var noContext = await handler.HandleAsync(BedrockEvents.Element("{}"), ServedScenario.Context());
        var otherKeys = await handler.HandleAsync(
            BedrockEvents.Element("{}"), ServedScenario.Context(TestClientContext.Create(new Dictionary<string, string> { ["bedrockAgentCoreGatewayId"] = "gw" })));

        foreach (var response in new[] { noContext, otherKeys })
        {
            Assert.True((bool)response["isError"]!);
            Assert.Equal("missing_tool_name", ErrorCode(response));
            Assert.Contains("bedrockAgentCoreToolName", Text(response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("get_alarm", "not <target>___<tool>")]
    [InlineData("eksops___", "not <target>___<tool>")]
    [InlineData("eksops___delete_everything", "no tool is named \\\"delete_everything\\\"")]
    public async Task A_malformed_or_unknown_tool_name_is_an_error_listing_the_tools(string gatewayName, string message)
    {
        var response = await new GatewayTargetHandler(MinimalRegistry.Create()).HandleAsync(
            BedrockEvents.Element("{\"alarmName\": \"a\"}"), ServedScenario.Context(TestClientContext.ForAgentCoreTool(gatewayName)));

        Assert.True((bool)response["isError"]!);
        Assert.Equal("unknown_tool", ErrorCode(response));
        Assert.Contains(message, Text(response), StringComparison.Ordinal);
        Assert.Contains("get_alarm", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_is_not_an_object_is_refused_and_null_means_no_arguments()
    {
        var handler = new GatewayTargetHandler(MinimalRegistry.Create());

        var array = await handler.HandleAsync(BedrockEvents.Element("[\"a\"]"), ServedScenario.Context(TestClientContext.ForAgentCoreTool("eksops___get_alarm")));
        var none = await handler.HandleAsync(BedrockEvents.Element("null"), ServedScenario.Context(TestClientContext.ForAgentCoreTool("eksops___get_alarm")));
        var ok = await handler.HandleAsync(BedrockEvents.Element("{\"alarmName\": \"a\"}"), ServedScenario.Context(TestClientContext.ForAgentCoreTool("eksops-tools___get_alarm")));

        Assert.Equal("invalid_arguments", ErrorCode(array));
        Assert.Contains("not an array", Text(array), StringComparison.Ordinal);
        Assert.Equal("invalid_arguments", ErrorCode(none));
        Assert.False((bool)ok["isError"]!);
        Assert.Equal("a", (string?)ok["structuredContent"]!["alarmName"]);
    }

    private static string Text(JsonObject response) => (string)response["content"]![0]!["text"]!;

    private static string? ErrorCode(JsonObject response) => (string?)JsonNode.Parse(Text(response))!["error"]!["code"];
}
