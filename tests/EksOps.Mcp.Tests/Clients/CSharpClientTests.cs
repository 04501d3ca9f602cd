using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EksOps.Mcp.Tests.Clients;

/// <summary>The official MCP C# client (Streamable HTTP) against serve-mcp's Function URL emulator.</summary>
public sealed class CSharpClientTests(ServedScenario served) : IClassFixture<ServedScenario>
{
    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    public async Task The_CSharp_SDK_client_lists_tools_and_calls_a_read_tool(string? revision)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = served.Endpoint, TransportMode = HttpTransportMode.StreamableHttp });
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = revision }, cancellationToken: cancellation);

        var tools = await client.ListToolsAsync(cancellationToken: cancellation);
        var result = await client.CallToolAsync(
            "get_k8s_resource",
            new Dictionary<string, object?> { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
            cancellationToken: cancellation);

        // Without a requested revision the SDK speaks its newest, 2026-07-28 (per-request metadata, no initialize).
        Assert.Equal(revision ?? "2026-07-28", client.NegotiatedProtocolVersion);
        Assert.Null(client.SessionId);
        Assert.Equal(served.Registry.Definitions.Select(d => d.Name), tools.Select(t => t.Name));
        Assert.True(tools.Single(t => t.Name == "get_k8s_resource").ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.False(result.IsError);
        var structured = result.StructuredContent!.Value;
        Assert.Equal("checkout", structured.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content));
        Assert.Equal("Deployment", JsonDocument.Parse(text.Text).RootElement.GetProperty("object").GetProperty("kind").GetString());
    }
}
