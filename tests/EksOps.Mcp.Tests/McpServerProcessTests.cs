using System.Text.Json.Nodes;
using EksOps.Lambda.Testing;
using EksOps.Tools;

namespace EksOps.Mcp.Tests;

/// <summary>
/// The McpServer function run as Lambda runs it: a child process on the loopback Runtime API, configured only by
/// environment variables, answering Function URL events for a served scenario.
/// </summary>
public sealed class McpServerProcessTests(ServedScenario served) : IClassFixture<ServedScenario>
{
    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "McpServer", MemberType = typeof(FunctionBuilds))]
    public async Task The_function_answers_tool_calls_and_survives_events_it_cannot_read(string build)
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = FunctionBuilds.PathOf("McpServer", build),
            FunctionName = "McpServer",
            LogFormat = "JSON",
            Environment = new Dictionary<string, string?>
            {
                ["EKSOPS_CLUSTERS"] = new JsonObject
                {
                    ["clusters"] = new JsonArray(new JsonObject
                    {
                        ["name"] = served.Scenario.Cluster.Name,
                        ["region"] = served.Scenario.Cluster.Region,
                        ["accountId"] = served.Scenario.Cluster.AccountId,
                        ["environment"] = "production",
                        ["kubeconfig"] = served.Server.Scenario!.Environment.KubeconfigPath,
                    }),
                }.ToJsonString(),
            },
        });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        var call = await server.InvokeAsync(FunctionUrlEvent("POST", """{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "list_k8s_resources", "arguments": {"kind": "Node", "limit": 2}}}"""), cancellationToken: timeout.Token);
        var get = await server.InvokeAsync(FunctionUrlEvent("GET", null), cancellationToken: timeout.Token);
        var garbage = await server.InvokeAsync("[1, 2", cancellationToken: timeout.Token);
        var again = await server.InvokeAsync(FunctionUrlEvent("POST", """{"jsonrpc": "2.0", "id": 2, "method": "tools/list"}"""), cancellationToken: timeout.Token);

        Assert.False(call.IsError, call.ToString());
        var response = JsonNode.Parse(call.PayloadText)!;
        Assert.Equal(200, (int)response["statusCode"]!);
        var result = JsonNode.Parse((string)response["body"]!)!["result"]!;
        Assert.False((bool)result["isError"]!);
        Assert.Equal(2, (int)result["structuredContent"]!["count"]!);
        Assert.Equal(405, (int)JsonNode.Parse(get.PayloadText)!["statusCode"]!);
        Assert.Equal("EventDeserializationException", garbage.ErrorType);
        var tools = JsonNode.Parse((string)JsonNode.Parse(again.PayloadText)!["body"]!)!["result"]!["tools"]!.AsArray();
        Assert.Equal(ToolCatalog.All.Count, tools.Count);
        Assert.False(function.HasExited);
    }

    /// <summary>A Function URL (payload 2.0) event as Lambda delivers it: lower-case headers, the body as text.</summary>
    private static string FunctionUrlEvent(string method, string? body)
    {
        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = "/mcp",
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject
            {
                ["content-type"] = "application/json",
                ["accept"] = "application/json, text/event-stream",
                ["mcp-protocol-version"] = "2025-11-25",
                ["host"] = "abcdefghij.lambda-url.ap-northeast-2.on.aws",
            },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["requestId"] = Guid.NewGuid().ToString(),
                ["domainName"] = "abcdefghij.lambda-url.ap-northeast-2.on.aws",
                ["http"] = new JsonObject { ["method"] = method, ["path"] = "/mcp", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "198.51.100.7", ["userAgent"] = "test" },
            },
            ["isBase64Encoded"] = false,
        };
        if (body is not null)
        {
            request["body"] = body;
        }

        return request.ToJsonString();
    }
}
