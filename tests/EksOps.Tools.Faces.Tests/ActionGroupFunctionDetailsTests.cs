using System.Text.Json.Nodes;

namespace EksOps.Tools.Faces.Tests;

/// <summary>Function-details action-group events for read tools against a served scenario, asserted on the emitted JSON.</summary>
public class ActionGroupFunctionDetailsTests
{
    [Fact]
    public async Task Pod_logs_with_folded_options_answer_a_TEXT_body_and_echo_both_attribute_maps()
    {
        await using var served = await ServedScenario.StartAsync();
        var log = served.Scenario.Logs.Single(l => l.Previous);
        var session = BedrockEvents.Session(cluster: served.ClusterName);
        var actionGroupEvent = BedrockEvents.Function("get_pod_logs", session,
            ("namespace", "string", log.Namespace), ("pod", "string", log.Pod), ("previous", "boolean", "true"), ("options", "string", "{tailLines=5}"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal(["messageVersion", "response", "sessionAttributes", "promptSessionAttributes"], response.Select(p => p.Key));
        Assert.Equal("1.0", (string?)response["messageVersion"]);
        var inner = response["response"]!.AsObject();
        Assert.Equal(["actionGroup", "function", "functionResponse"], inner.Select(p => p.Key));
        Assert.Equal("EksOpsRead", (string?)inner["actionGroup"]);
        Assert.Equal("get_pod_logs", (string?)inner["function"]);
        Assert.Equal(["responseBody"], inner["functionResponse"]!.AsObject().Select(p => p.Key));
        var body = BedrockEvents.Body(response);
        Assert.Equal(5, (int)body["lineCount"]!);
        Assert.True((bool)body["previous"]!);
        Assert.Equal(log.Text.TrimEnd('\n').Split('\n').TakeLast(5).Select(SecretRedactor.Redact), ((string)body["log"]!).TrimEnd('\n').Split('\n'));
        Assert.True(JsonNode.DeepEquals(session, response["sessionAttributes"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["incident"] = "INC-42" }, response["promptSessionAttributes"]));
    }

    [Fact]
    public async Task A_list_takes_its_folded_JSON_options_and_runs_against_the_default_cluster_without_a_session_attribute()
    {
        await using var served = await ServedScenario.StartAsync();
        var actionGroupEvent = BedrockEvents.Function("list_k8s_resources", null,
            ("kind", "string", "Pod"), ("namespace", "string", "shop"), ("options", "string", "{\"limit\": 2}"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Null(response["response"]!["functionResponse"]!["responseState"]);
        var body = BedrockEvents.Body(response);
        Assert.Equal(2, (int)body["count"]!);
        Assert.Equal(2, body["items"]!.AsArray().Count);
        Assert.All(body["items"]!.AsArray(), item => Assert.Equal("shop", (string?)item!["namespace"]));
        Assert.Empty(response["sessionAttributes"]!.AsObject());
    }

    [Fact]
    public async Task Metric_dimensions_in_Bedrocks_map_form_and_integer_options_are_coerced()
    {
        await using var served = await ServedScenario.StartAsync();
        var actionGroupEvent = BedrockEvents.Function("get_cloudwatch_metrics", BedrockEvents.Session(cluster: served.ClusterName),
            ("namespace", "string", "ContainerInsights"),
            ("metricName", "string", "pod_number_of_container_restarts"),
            ("dimensions", "string", $"{{ClusterName={served.ClusterName}, Namespace=shop, PodName=checkout}}"),
            ("stat", "string", "Maximum"),
            ("options", "string", "{minutes=5}"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Null(response["response"]!["functionResponse"]!["responseState"]);
        var points = BedrockEvents.Body(response)["datapoints"]!.AsArray();
        Assert.NotEmpty(points);
        Assert.Equal(7.0, (double)points[^1]!["value"]!);
    }

    [Fact]
    public async Task Bedrock_string_arrays_reach_the_tool_as_arrays()
    {
        await using var served = await ServedScenario.StartAsync();
        var actionGroupEvent = BedrockEvents.Function("create_incident", null,
            ("title", "string", "checkout OOMKilled"),
            ("severity", "string", "high"),
            ("summary", "string", "checkout pods are OOMKilled under load."),
            ("findings", "array", "[pod checkout-6d6584985-fxfnn lastState OOMKilled exit 137, memory limit 512Mi reached]"),
            ("links", "array", "[\"https://grafana.example.com/d/checkout\"]"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Null(response["response"]!["functionResponse"]!["responseState"]);
        Assert.Equal("applied", (string?)BedrockEvents.Body(response)["status"]);
        var recorded = Assert.Single(served.Incidents.Recorded);
        Assert.Equal(["pod checkout-6d6584985-fxfnn lastState OOMKilled exit 137", "memory limit 512Mi reached"], recorded["findings"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(["https://grafana.example.com/d/checkout"], recorded["links"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task Invalid_arguments_answer_REPROMPT_with_every_violation_by_path()
    {
        await using var served = await ServedScenario.StartAsync();
        var actionGroupEvent = BedrockEvents.Function("get_pod_logs", null, ("namespace", "string", "shop"), ("options", "string", "{tailLines=100000}"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal("REPROMPT", (string?)response["response"]!["functionResponse"]!["responseState"]);
        var error = BedrockEvents.Body(response)["error"]!;
        Assert.Equal("invalid_arguments", (string?)error["code"]);
        var paths = error["violations"]!.AsArray().Select(v => (string)v!["path"]!).ToList();
        Assert.Contains("/tailLines", paths);
        Assert.Equal(2, paths.Count);
    }

    [Fact]
    public async Task A_sensitive_read_switched_off_answers_FAILURE_with_the_policy()
    {
        await using var served = await ServedScenario.StartAsync(policy: new ToolPolicyOptions { SensitiveReadsEnabled = false });
        var log = served.Scenario.Logs[0];
        var actionGroupEvent = BedrockEvents.Function("get_pod_logs", null, ("namespace", "string", log.Namespace), ("pod", "string", log.Pod));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal("FAILURE", (string?)response["response"]!["functionResponse"]!["responseState"]);
        var error = BedrockEvents.Body(response)["error"]!;
        Assert.Equal("policy_denied", (string?)error["code"]);
        Assert.Equal("deny", (string?)error["policy"]!["verdict"]);
    }

    [Fact]
    public async Task A_denied_namespace_answers_FAILURE()
    {
        await using var served = await ServedScenario.StartAsync(policy: new ToolPolicyOptions { DeniedNamespaces = ["kube-system"] });
        var actionGroupEvent = BedrockEvents.Function("list_k8s_resources", null, ("kind", "string", "Pod"), ("namespace", "string", "kube-system"));

        var response = await new BedrockActionGroupHandler(served.Registry).HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal("FAILURE", (string?)response["response"]!["functionResponse"]!["responseState"]);
        Assert.Equal("policy_denied", (string?)BedrockEvents.Body(response)["error"]!["code"]);
    }

    [Fact]
    public async Task An_unknown_cluster_in_the_session_or_an_unknown_function_answers_FAILURE_naming_what_exists()
    {
        await using var served = await ServedScenario.StartAsync();
        var handler = new BedrockActionGroupHandler(served.Registry);

        var wrongCluster = await handler.HandleAsync(
            BedrockEvents.Element(BedrockEvents.Function("get_alarm", BedrockEvents.Session(cluster: "no-such-cluster"), ("alarmName", "string", "x"))),
            ServedScenario.Context());
        var wrongTool = await handler.HandleAsync(BedrockEvents.Element(BedrockEvents.Function("submitVacationRequest", null)), ServedScenario.Context());

        Assert.Equal("FAILURE", (string?)wrongCluster["response"]!["functionResponse"]!["responseState"]);
        Assert.Equal("unknown_cluster", (string?)BedrockEvents.Body(wrongCluster)["error"]!["code"]);
        Assert.Contains(served.ClusterName, (string)BedrockEvents.Body(wrongCluster)["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal("FAILURE", (string?)wrongTool["response"]!["functionResponse"]!["responseState"]);
        Assert.Equal("unknown_tool", (string?)BedrockEvents.Body(wrongTool)["error"]!["code"]);
    }

    [Fact]
    public async Task The_invocation_metrics_and_logger_receive_the_tool_call()
    {
        await using var served = await ServedScenario.StartAsync();
        var context = ServedScenario.Context();

        await new BedrockActionGroupHandler(served.Registry).HandleAsync(
            BedrockEvents.Element(BedrockEvents.Function("list_k8s_resources", null, ("kind", "string", "Node"))), context);

        Assert.Equal([1.0], context.TestMetrics.ValuesOf(ToolMetricNames.Invocations));
        Assert.Contains(context.TestLogger.Entries, e => e.Message.Contains("tool list_k8s_resources Success", StringComparison.Ordinal));
    }
}
