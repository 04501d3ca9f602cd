using System.Text.Json.Nodes;
using EksOps.Lambda;
using EksOps.Lambda.Testing;
using EksOps.Tools;

namespace EksOps.Mcp.Tests;

/// <summary>The handler per protocol revision, against the read tools over a served corpus scenario: emitted JSON and status codes.</summary>
public sealed class StreamableHttpTests(ServedScenario served) : IClassFixture<ServedScenario>, IDisposable
{
    private readonly McpFunctionUrlHandler _handler = new(served.Registry, new McpEndpointOptions());

    public void Dispose() => _handler.Dispose();

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task Initialize_answers_the_requested_revision_without_a_session(string revision)
    {
        var response = await SendAsync(McpRequest.Call(revision, "initialize", new JsonObject
        {
            ["protocolVersion"] = revision,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "test", ["version"] = "1.0.0" },
        }));

        var result = response.Result();
        Assert.Equal(revision, (string?)result["protocolVersion"]);
        Assert.Equal("eksops", (string?)result["serverInfo"]?["name"]);
        Assert.NotNull(result["capabilities"]?["tools"]);
        Assert.False(response.Headers.ContainsKey("mcp-session-id"));
    }

    [Fact]
    public async Task Revision_2026_07_28_discovers_the_server_and_has_no_initialize()
    {
        var discover = (await SendAsync(McpRequest.Call("2026-07-28", "server/discover"))).Result();
        var initialize = await SendAsync(McpRequest.Call("2026-07-28", "initialize", new JsonObject { ["protocolVersion"] = "2026-07-28" }));

        Assert.Contains("2026-07-28", discover["supportedVersions"]!.AsArray().Select(v => (string?)v));
        Assert.NotNull(discover["capabilities"]?["tools"]);
        Assert.Equal(404, initialize.StatusCode);
        Assert.Equal(-32601, initialize.ErrorCode());
    }

    [Theory]
    [MemberData(nameof(McpRequest.Revisions), MemberType = typeof(McpRequest))]
    public async Task Tools_list_is_the_registry_rendered_by_ToolArtifacts(string revision)
    {
        var result = (await SendAsync(McpRequest.Call(revision, "tools/list"))).Result();

        var tools = result["tools"]!.AsArray();
        Assert.Equal(served.Registry.Definitions.Select(d => d.Name), tools.Select(t => (string?)t!["name"]));
        foreach (var (definition, tool) in served.Registry.Definitions.Zip(tools))
        {
            var expected = ToolArtifacts.McpTool(definition);
            foreach (var (key, value) in expected)
            {
                Assert.True(JsonNode.DeepEquals(value, tool![key]), $"{definition.Name}.{key} differs from ToolArtifacts.McpTool");
            }
        }

        Assert.Null(result["nextCursor"]);
    }

    [Theory]
    [MemberData(nameof(McpRequest.Revisions), MemberType = typeof(McpRequest))]
    public async Task Tools_call_runs_a_read_tool_against_the_scenario(string revision)
    {
        var context = new TestLambdaContext();

        var result = (await SendAsync(McpRequest.Tool(revision, "list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["namespace"] = "shop" }), context)).Result();

        var pods = served.Scenario.Objects.Count(o => (string?)o["kind"] == "Pod" && (string?)o["metadata"]?["namespace"] == "shop");
        Assert.False((bool)result["isError"]!);
        var structured = result["structuredContent"]!.AsObject();
        Assert.Equal(pods, (int)structured["count"]!);
        var text = Assert.Single(result["content"]!.AsArray())!;
        Assert.Equal("text", (string?)text["type"]);
        Assert.True(JsonNode.DeepEquals(structured, JsonNode.Parse((string)text["text"]!)));
        Assert.Equal([1.0], context.TestMetrics.ValuesOf("ToolInvocations"));
        Assert.Contains(context.TestLogger.Entries, e => e.Message.Contains("policy allow list_k8s_resources", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_tool_plans_a_dry_run_against_the_scenario()
    {
        var result = (await SendAsync(McpRequest.Tool("2025-11-25", "execute_runbook", new JsonObject
        {
            ["runbook"] = "scale-deployment",
            ["target"] = new JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
            ["parameters"] = new JsonObject { ["replicas"] = 4 },
        }))).Result();

        Assert.False((bool)result["isError"]!, (string?)result["content"]![0]!["text"]);
        Assert.Equal("dry-run", (string?)result["structuredContent"]!["status"]);
        Assert.Equal("Deployment/checkout", (string?)result["structuredContent"]!["change"]!["target"]);
    }

    [Theory]
    [MemberData(nameof(McpRequest.Revisions), MemberType = typeof(McpRequest))]
    public async Task A_notification_is_accepted_with_202_and_no_body(string revision)
    {
        var response = await SendAsync(McpRequest.Notify(revision, "notifications/cancelled", new JsonObject { ["requestId"] = 7 }));

        Assert.Equal(202, response.StatusCode);
        Assert.Null(response.Body);
        Assert.False(response.Headers.ContainsKey("content-type"));
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task Initialized_and_a_client_response_are_accepted_with_202(string revision)
    {
        var initialized = await SendAsync(McpRequest.Notify(revision, "notifications/initialized"));
        var clientResponse = await SendAsync(McpRequest.Post("""{"jsonrpc":"2.0","id":"s-1","result":{}}""", new() { ["mcp-protocol-version"] = revision }));

        Assert.Equal(202, initialized.StatusCode);
        Assert.Equal(202, clientResponse.StatusCode);
    }

    [Fact]
    public async Task Revision_2026_07_28_refuses_a_posted_response()
    {
        var response = await SendAsync(McpRequest.Post("""{"jsonrpc":"2.0","id":"s-1","result":{}}""", new() { ["mcp-protocol-version"] = "2026-07-28" }));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(-32600, response.ErrorCode());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task Anything_but_POST_is_405_with_Allow(string method)
    {
        var response = await SendAsync(McpRequest.Post(null, new() { ["accept"] = "text/event-stream" }, method));

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("POST", response.Headers["allow"]);
        Assert.Equal(-32000, response.ErrorCode());
    }

    [Theory]
    [InlineData("1999-01-01")]
    [InlineData("2025-06-18 ")]
    [InlineData("latest")]
    public async Task An_unsupported_protocol_version_header_is_400_with_the_supported_list(string version)
    {
        var response = await SendAsync(McpRequest.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/list"}""", new() { ["mcp-protocol-version"] = version }));

        Assert.Equal(400, response.StatusCode);
        var error = response.Json();
        Assert.Equal(5, (int)error["id"]!);
        Assert.Equal(-32022, (int)error["error"]!["code"]!);
        Assert.Equal(version, (string?)error["error"]!["data"]!["requested"]);
        Assert.Superset(
            new HashSet<string?> { "2025-06-18", "2025-11-25", "2026-07-28" },
            error["error"]!["data"]!["supported"]!.AsArray().Select(v => (string?)v).ToHashSet());
    }

    [Fact]
    public async Task An_origin_not_allowed_is_403_and_an_allowed_one_is_served()
    {
        using var handler = new McpFunctionUrlHandler(served.Registry, new McpEndpointOptions { AllowedOrigins = ["https://console.example.com"] });
        var list = McpRequest.Call("2025-11-25", "tools/list");

        list.Headers!["origin"] = "https://evil.example";
        var refused = await handler.HandleAsync(list, new TestLambdaContext());
        list.Headers!["origin"] = "https://console.example.com";
        var served2 = await handler.HandleAsync(list, new TestLambdaContext());

        Assert.Equal(403, refused.StatusCode);
        Assert.Equal(-32000, refused.ErrorCode());
        Assert.Null(refused.Json()["id"]);
        Assert.Equal(200, served2.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_is_413(bool base64)
    {
        using var handler = new McpFunctionUrlHandler(served.Registry, new McpEndpointOptions { MaxRequestBytes = 1000 });
        string body = new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "tools/list", ["params"] = new JsonObject { ["pad"] = new string('x', 1000) },
        }.ToJsonString();

        var response = await handler.HandleAsync(McpRequest.Post(body, base64: base64), new TestLambdaContext());

        Assert.Equal(413, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,", -32700)]
    [InlineData("", -32700)]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]", -32600)]
    [InlineData("{\"hello\":\"world\"}", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}", -32600)]
    public async Task Malformed_bodies_are_400_with_the_JSON_RPC_code(string body, int code)
    {
        var response = await SendAsync(McpRequest.Post(body, new() { ["mcp-protocol-version"] = "2025-11-25" }));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(code, response.ErrorCode());
    }

    [Theory]
    [InlineData("2025-06-18", 200)]
    [InlineData("2025-11-25", 200)]
    [InlineData("2026-07-28", 404)]
    public async Task An_unknown_method_is_method_not_found(string revision, int status)
    {
        var response = await SendAsync(McpRequest.Call(revision, "tools/frobnicate"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(-32601, response.ErrorCode());
        Assert.Equal(1, (int)response.Json()["id"]!);
    }

    [Theory]
    [MemberData(nameof(McpRequest.Revisions), MemberType = typeof(McpRequest))]
    public async Task An_unknown_tool_is_invalid_params(string revision)
    {
        var context = new TestLambdaContext();

        var response = await SendAsync(McpRequest.Tool(revision, "drop_database", []), context);

        Assert.Equal(200, response.StatusCode);
        var error = response.Json()["error"]!;
        Assert.Equal(-32602, (int)error["code"]!);
        Assert.Contains("drop_database", (string?)error["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(context.TestLogger.Entries, e => e.Level >= LambdaLogLevel.Error);
    }

    [Fact]
    public async Task Invalid_arguments_are_a_protocol_error_in_2025_06_18()
    {
        var response = await SendAsync(McpRequest.Tool("2025-06-18", "list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["limit"] = 10_000 }));

        var error = response.Json()["error"]!;
        Assert.Equal(-32602, (int)error["code"]!);
        Assert.Equal("invalid_arguments", (string?)error["data"]!["code"]);
        Assert.Equal("/limit", (string?)error["data"]!["violations"]![0]!["path"]);
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task Invalid_arguments_are_a_tool_error_from_2025_11_25(string revision)
    {
        var result = (await SendAsync(McpRequest.Tool(revision, "list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["limit"] = 10_000 }))).Result();

        Assert.True((bool)result["isError"]!);
        Assert.Null(result["structuredContent"]);
        var content = JsonNode.Parse((string)result["content"]![0]!["text"]!)!;
        Assert.Equal("invalid_arguments", (string?)content["error"]!["code"]);
        Assert.Equal("/limit", (string?)content["error"]!["violations"]![0]!["path"]);
    }

    [Fact]
    public async Task An_unknown_cluster_is_a_tool_error()
    {
        var result = (await SendAsync(McpRequest.Tool("2025-11-25", "list_k8s_resources", new JsonObject { ["kind"] = "Pod" },
            new() { ["eksops-cluster"] = "nowhere" }))).Result();

        Assert.True((bool)result["isError"]!);
        Assert.Contains("unknown_cluster", (string)result["content"]![0]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_accepts_only_event_streams_gets_one_buffered_stream()
    {
        var request = McpRequest.Call("2025-11-25", "tools/list");
        request.Headers!["accept"] = "text/event-stream";

        var response = await SendAsync(request);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/event-stream", response.Headers["content-type"]);
        var data = response.Body!.Split('\n').Single(line => line.StartsWith("data: ", StringComparison.Ordinal));
        Assert.Equal(served.Registry.Definitions.Count, JsonNode.Parse(data["data: ".Length..])!["result"]!["tools"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json;q=0, text/event-stream;q=0")]
    public async Task A_client_that_accepts_neither_body_is_406(string accept)
    {
        var request = McpRequest.Call("2025-11-25", "tools/list");
        request.Headers!["accept"] = accept;

        Assert.Equal(406, (await SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_base64_body_is_read()
    {
        var response = await SendAsync(McpRequest.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", new() { ["mcp-protocol-version"] = "2025-11-25" }, base64: true));

        Assert.Empty(response.Result());
    }

    [Theory]
    [InlineData("mcp-method", "tools/list", -32020)]
    [InlineData("mcp-name", "get_alarm", -32020)]
    [InlineData("mcp-name", "=?base64?bGlzdF9rOHNfcmVzb3VyY2Vz?=", 0)]
    public async Task Revision_2026_07_28_checks_the_standard_headers_against_the_body(string header, string value, int code)
    {
        var request = McpRequest.Tool("2026-07-28", "list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["namespace"] = "shop" });
        request.Headers![header] = value;

        var response = await SendAsync(request);

        if (code == 0)
        {
            Assert.False((bool)response.Result()["isError"]!);
        }
        else
        {
            Assert.Equal(400, response.StatusCode);
            Assert.Equal(code, response.ErrorCode());
        }
    }

    [Fact]
    public async Task Revision_2026_07_28_needs_the_protocol_version_in_meta()
    {
        var response = await SendAsync(McpRequest.Post(
            """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""",
            new() { ["mcp-protocol-version"] = "2026-07-28", ["mcp-method"] = "tools/list" }));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(-32602, response.ErrorCode());
    }

    [Fact]
    public async Task Another_path_is_404()
    {
        var response = await SendAsync(McpRequest.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", path: "/other"));

        Assert.Equal(404, response.StatusCode);
    }

    private Task<FunctionUrlResponse> SendAsync(FunctionUrlRequest request, TestLambdaContext? context = null) =>
        _handler.HandleAsync(request, context ?? new TestLambdaContext());
}
