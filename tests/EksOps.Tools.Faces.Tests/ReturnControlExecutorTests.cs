using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Lambda.Testing;

namespace EksOps.Tools.Faces.Tests;

/// <summary>RETURN_CONTROL rounds answered by the registry, asserted on the JSON the results are sent back as.</summary>
public class ReturnControlExecutorTests
{
    // What the InvokeAgent request body carries (restJson1: camelCase, nulls left out); reflection is fine in tests.
    private static readonly JsonSerializerOptions Wire = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    [Fact]
    public async Task Function_and_API_inputs_of_one_round_are_answered_in_order_in_their_own_shapes()
    {
        await using var served = await ServedScenario.StartAsync();
        var log = served.Scenario.Logs.Single(l => l.Previous);
        var request = Request(
            new InvocationInput { FunctionInvocationInput = Function("EksOpsRead", "get_pod_logs", ("namespace", log.Namespace), ("pod", log.Pod), ("previous", "true"), ("options", "{tailLines=4}")) },
            new InvocationInput
            {
                ApiInvocationInput = new ApiInvocationInput
                {
                    ActionGroup = "EksOpsReadApi",
                    AgentId = "COLLAB0001",
                    ApiPath = "/tools/list_k8s_resources",
                    HttpMethod = "post",
                    ActionInvocationType = ActionInvocationType.Result,
                    RequestBody = new ApiRequestBody
                    {
                        Content = new Dictionary<string, PropertyParameters>
                        {
                            ["application/json"] = new() { Properties = [Parameter("kind", "Pod"), Parameter("namespace", "shop"), Parameter("limit", "2")] },
                        },
                    },
                },
            });
        var options = Options(served);

        var results = await new ToolReturnControlExecutor(served.Registry, options).ExecuteAsync(request, TestContext.Current.CancellationToken);

        var json = Serialize(results);
        Assert.Equal(2, json.Count);
        var function = json[0]!["functionResult"]!.AsObject();
        Assert.Equal(["actionGroup", "agentId", "function", "responseBody"], function.Select(p => p.Key));
        Assert.Equal("EksOpsRead", (string?)function["actionGroup"]);
        Assert.Equal("get_pod_logs", (string?)function["function"]);
        Assert.Equal(4, (int)JsonNode.Parse((string)function["responseBody"]!["TEXT"]!["body"]!)!["lineCount"]!);
        var api = json[1]!["apiResult"]!.AsObject();
        Assert.Equal(["actionGroup", "agentId", "apiPath", "httpMethod", "httpStatusCode", "responseBody"], api.Select(p => p.Key));
        Assert.Equal("COLLAB0001", (string?)api["agentId"]);
        Assert.Equal("post", (string?)api["httpMethod"]);
        Assert.Equal(200, (int)api["httpStatusCode"]!);
        Assert.Equal(2, (int)JsonNode.Parse((string)api["responseBody"]!["application/json"]!["body"]!)!["count"]!);
        Assert.Null(results.SessionAttributes);
        Assert.Equal([1.0, 1.0], ((TestMetrics)options.Metrics).ValuesOf(ToolMetricNames.Invocations));
    }

    [Fact]
    public async Task Several_inputs_each_get_their_own_state()
    {
        await using var served = await ServedScenario.StartAsync(policy: new ToolPolicyOptions { SensitiveReadsEnabled = false });
        var request = Request(
            new InvocationInput { FunctionInvocationInput = Function("EksOpsRead", "list_k8s_resources", ("kind", "Node")) },
            new InvocationInput { FunctionInvocationInput = Function("EksOpsRead", "list_k8s_resources", ("kind", "Node"), ("options", "{limit=0}")) },
            new InvocationInput { FunctionInvocationInput = Function("EksOpsRead", "get_k8s_events", ("namespace", "shop")) },
            new InvocationInput { FunctionInvocationInput = Function("EksOpsRead", "forecast_weather") });

        var results = await new ToolReturnControlExecutor(served.Registry, Options(served)).ExecuteAsync(request, TestContext.Current.CancellationToken);

        var json = Serialize(results);
        Assert.Equal([null, "REPROMPT", "FAILURE", "FAILURE"], json.Select(r => (string?)r!["functionResult"]!["responseState"]));
        Assert.Equal([null, "invalid_arguments", "policy_denied", "unknown_tool"], json.Select(r => (string?)Body(r!["functionResult"]!)["error"]?["code"]));
        Assert.All(json, r => Assert.Null(r!["functionResult"]!["confirmationState"]));
    }

    [Fact]
    public async Task An_unapproved_production_write_is_denied_with_the_change_to_approve()
    {
        await using var served = await ServedScenario.StartAsync();
        var request = Request(
            new InvocationInput { FunctionInvocationInput = Runbook(ActionInvocationType.UserConfirmationAndResult, "checkout") },
            new InvocationInput { ApiInvocationInput = RunbookApi("checkout") });

        var results = await new ToolReturnControlExecutor(served.Registry, Options(served)).ExecuteAsync(request, TestContext.Current.CancellationToken);

        var json = Serialize(results);
        var function = json[0]!["functionResult"]!;
        Assert.Equal("DENY", (string?)function["confirmationState"]);
        Assert.Null(function["responseState"]);
        Assert.Equal("approval-required", (string?)Body(function)["status"]);
        Assert.Equal(FakeRunbookTool.ChangeFor(served.ClusterName, "shop", "checkout").PatchHash, (string?)Body(function)["change"]!["patchHash"]);
        var api = json[1]!["apiResult"]!;
        Assert.Equal("DENY", (string?)api["confirmationState"]);
        Assert.Equal(403, (int)api["httpStatusCode"]!);
        Assert.Null(api["responseState"]);
        Assert.Equal(0, served.Runbooks.Applied);
    }

    [Fact]
    public async Task A_token_for_the_exact_change_confirms_and_applies_it_and_only_it()
    {
        await using var served = await ServedScenario.StartAsync();
        var request = Request(
            new InvocationInput { FunctionInvocationInput = Runbook(ActionInvocationType.UserConfirmationAndResult, "checkout") },
            new InvocationInput { FunctionInvocationInput = Runbook(ActionInvocationType.Result, "cart") });

        var results = await new ToolReturnControlExecutor(served.Registry, Options(served) with { ApprovalToken = served.Approve("shop", "checkout") })
            .ExecuteAsync(request, TestContext.Current.CancellationToken);

        var json = Serialize(results);
        Assert.Equal("CONFIRM", (string?)json[0]!["functionResult"]!["confirmationState"]);
        Assert.Equal("applied", (string?)Body(json[0]!["functionResult"]!)["status"]);
        Assert.Equal(7, (int)Body(json[0]!["functionResult"]!)["result"]!["generation"]!);
        Assert.Equal("DENY", (string?)json[1]!["functionResult"]!["confirmationState"]);
        Assert.Null(json[1]!["functionResult"]!["responseState"]);
        Assert.Equal("denied", (string?)Body(json[1]!["functionResult"]!)["status"]);
        Assert.Equal(1, served.Runbooks.Applied);
    }

    [Fact]
    public async Task A_confirmation_only_request_plans_the_write_and_answers_without_a_body_or_applying()
    {
        await using var served = await ServedScenario.StartAsync();
        var request = Request(
            new InvocationInput { FunctionInvocationInput = Runbook(ActionInvocationType.UserConfirmation, "checkout") },
            new InvocationInput { FunctionInvocationInput = Runbook(ActionInvocationType.UserConfirmation, "cart") },
            new InvocationInput { FunctionInvocationInput = Function("EksOpsRead", "list_k8s_resources", ActionInvocationType.UserConfirmation, ("kind", "Node")) });

        var results = await new ToolReturnControlExecutor(served.Registry, Options(served) with { ApprovalToken = served.Approve("shop", "checkout") })
            .ExecuteAsync(request, TestContext.Current.CancellationToken);

        var json = Serialize(results);
        Assert.Equal(["CONFIRM", "DENY", "CONFIRM"], json.Select(r => (string?)r!["functionResult"]!["confirmationState"]));
        Assert.All(json, r => Assert.Equal(["actionGroup", "agentId", "function", "confirmationState"], r!["functionResult"]!.AsObject().Select(p => p.Key)));
        Assert.Equal(2, served.Runbooks.Planned);
        Assert.Equal(0, served.Runbooks.Applied);
    }

    [Fact]
    public async Task An_input_of_neither_kind_cannot_be_answered()
    {
        var executor = new ToolReturnControlExecutor(MinimalRegistry.Create(), new ReturnControlExecutorOptions
        {
            CallerIdentity = "test",
            Logger = new TestLambdaLogger(),
            Metrics = new TestMetrics(),
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => executor.ExecuteAsync(Request(new InvocationInput()), TestContext.Current.CancellationToken));

        Assert.Contains("Invocation input 0 of invocation-1", error.Message, StringComparison.Ordinal);
    }

    private static ReturnControlExecutorOptions Options(ServedScenario served) => new()
    {
        ClusterName = served.ClusterName,
        CallerIdentity = "arn:aws:sts::123456789012:assumed-role/eksops-analyze/incident-1",
        Logger = new TestLambdaLogger(),
        Metrics = new TestMetrics(),
    };

    private static ReturnControlRequest Request(params InvocationInput[] inputs) => new()
    {
        Payload = new ReturnControlPayload { InvocationId = "invocation-1", InvocationInputs = inputs },
        Round = 1,
        SessionId = "session-1",
    };

    private static FunctionInvocationInput Function(string actionGroup, string function, params (string Name, string Value)[] parameters) =>
        Function(actionGroup, function, ActionInvocationType.Result, parameters);

    private static FunctionInvocationInput Function(string actionGroup, string function, ActionInvocationType type, params (string Name, string Value)[] parameters) => new()
    {
        ActionGroup = actionGroup,
        AgentId = "AGENT12345",
        Function = function,
        ActionInvocationType = type,
        Parameters = [.. parameters.Select(p => Parameter(p.Name, p.Value))],
    };

    private static FunctionInvocationInput Runbook(ActionInvocationType type, string deployment) =>
        Function("EksOpsWrite", "execute_runbook", type,
            ("runbook", "increase-memory-limit"), ("target", $"{{kind=Deployment, namespace=shop, name={deployment}}}"), ("dryRun", "false"));

    private static ApiInvocationInput RunbookApi(string deployment) => new()
    {
        ActionGroup = "EksOpsWriteApi",
        ApiPath = "/tools/execute_runbook",
        HttpMethod = "POST",
        ActionInvocationType = ActionInvocationType.UserConfirmationAndResult,
        RequestBody = new ApiRequestBody
        {
            Content = new Dictionary<string, PropertyParameters>
            {
                ["application/json"] = new()
                {
                    Properties =
                    [
                        Parameter("runbook", "increase-memory-limit"),
                        Parameter("target", $"{{\"kind\": \"Deployment\", \"namespace\": \"shop\", \"name\": \"{deployment}\"}}"),
                        Parameter("dryRun", "false"),
                    ],
                },
            },
        },
    };

    private static ActionParameter Parameter(string name, string value) => new() { Name = name, Type = "string", Value = value };

    private static JsonArray Serialize(ReturnControlResults results) => JsonSerializer.SerializeToNode(results.Results, Wire)!.AsArray();

    private static JsonObject Body(JsonNode result)
    {
        var body = result["responseBody"]!.AsObject().Single().Value!["body"]!;
        return JsonNode.Parse((string)body!)!.AsObject();
    }
}
