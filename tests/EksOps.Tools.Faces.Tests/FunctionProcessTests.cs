using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Lambda.Testing;

namespace EksOps.Tools.Faces.Tests;

/// <summary>
/// ActionGroup and GatewayTarget run as Lambda runs them: a child process on the loopback Runtime API, configured
/// only by environment variables, reaching the served scenario through the kubeconfig in its cluster registry.
/// </summary>
public class FunctionProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "ActionGroup", MemberType = typeof(FunctionBuilds))]
    public async Task ActionGroup_answers_Bedrock_events_and_reports_bad_ones_without_exiting(string build)
    {
        await using var served = await ServedScenario.StartAsync();
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = Start(server, "ActionGroup", build, Clusters(served));
        using var timeout = Timeout();
        var log = served.Scenario.Logs.Single(l => l.Previous);

        var logs = await server.InvokeAsync(
            BedrockEvents.Function("get_pod_logs", BedrockEvents.Session(cluster: served.ClusterName),
                ("namespace", "string", log.Namespace), ("pod", "string", log.Pod), ("previous", "boolean", "true"), ("options", "string", "{tailLines=2}")).ToJsonString(),
            cancellationToken: timeout.Token);
        var notAnEvent = await server.InvokeAsync("{\"hello\": \"world\"}", cancellationToken: timeout.Token);
        var notJson = await server.InvokeAsync("{\"function\": ", cancellationToken: timeout.Token);
        var stillServing = await server.InvokeAsync(
            BedrockEvents.OpenApi("/tools/list_k8s_resources", null, ("kind", "string", "Pod"), ("namespace", "string", "kube-system")).ToJsonString(),
            cancellationToken: timeout.Token);

        Assert.False(logs.IsError, logs.ToString());
        var response = JsonNode.Parse(logs.PayloadText)!.AsObject();
        Assert.Equal("get_pod_logs", (string?)response["response"]!["function"]);
        Assert.Equal(2, (int)BedrockEvents.Body(response)["lineCount"]!);
        Assert.Equal(served.ClusterName, (string?)response["sessionAttributes"]![BedrockSessionAttributes.Cluster]);
        Assert.Equal(nameof(InvalidActionGroupEventException), notAnEvent.ErrorType);
        Assert.StartsWith("$: the event has neither", notAnEvent.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("EventDeserializationException", notJson.ErrorType);
        Assert.False(stillServing.IsError, stillServing.ToString());
        // The deployment's namespace rule reached the process through EKSOPS_DENIED_NAMESPACES.
        Assert.Equal(403, (int)JsonNode.Parse(stillServing.PayloadText)!["response"]!["httpStatusCode"]!);
        Assert.False(function.HasExited);
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "ActionGroup", MemberType = typeof(FunctionBuilds))]
    public async Task ActionGroup_reports_a_bad_cluster_registry_as_an_init_error(string build)
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = Start(server, "ActionGroup", build, new Dictionary<string, string?> { ["EKSOPS_CLUSTERS"] = "{\"clusters\": []}" });

        var error = await server.InitErrorReported.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(nameof(ClusterRegistryException), error.ErrorType);
        Assert.Contains("$.clusters", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "GatewayTarget", MemberType = typeof(FunctionBuilds))]
    public async Task GatewayTarget_runs_the_tool_named_in_the_client_context(string build)
    {
        await using var served = await ServedScenario.StartAsync();
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = Start(server, "GatewayTarget", build, Clusters(served));
        using var timeout = Timeout();

        var nodes = await server.InvokeAsync(
            "{\"kind\": \"Node\", \"limit\": 2}",
            new InvocationOptions { ClientContext = "{\"custom\": {\"bedrockAgentCoreToolName\": \"eksops___list_k8s_resources\", \"bedrockAgentCoreGatewayId\": \"gw-1\"}}" },
            timeout.Token);
        var unnamed = await server.InvokeAsync("{\"kind\": \"Node\"}", cancellationToken: timeout.Token);

        Assert.False(nodes.IsError, nodes.ToString());
        var result = JsonNode.Parse(nodes.PayloadText)!;
        Assert.False((bool)result["isError"]!);
        Assert.Equal(2, (int)result["structuredContent"]!["count"]!);
        Assert.False(unnamed.IsError, unnamed.ToString());
        Assert.True((bool)JsonNode.Parse(unnamed.PayloadText)!["isError"]!);
        Assert.Contains("missing_tool_name", unnamed.PayloadText, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Clusters(ServedScenario served) => new()
    {
        ["EKSOPS_CLUSTERS"] = new JsonObject
        {
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = served.ClusterName,
                ["region"] = served.Scenario.Cluster.Region,
                ["accountId"] = served.Scenario.Cluster.AccountId,
                ["environment"] = served.Scenario.Cluster.Environment.Id(),
                ["kubeconfig"] = served.Kubeconfig,
            }),
        }.ToJsonString(),
        ["EKSOPS_DENIED_NAMESPACES"] = "kube-system",
    };

    private static LambdaProcess Start(RuntimeApiServer server, string name, string build, IReadOnlyDictionary<string, string?> environment) =>
        LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = FunctionBuilds.PathOf(name, build),
            FunctionName = name,
            LogFormat = "JSON",
            Environment = environment,
        });

    /// <summary>Bounds a test that waits on a child process, so a broken build fails instead of hanging.</summary>
    private static CancellationTokenSource Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        return timeout;
    }
}
