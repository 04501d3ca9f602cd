using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EksOps.Mcp.Tests.Clients;

/// <summary>
/// The official MCP TypeScript SDK client (ts-client/client.mjs, @modelcontextprotocol/sdk 1.32.2) against serve-mcp's
/// Function URL emulator. Needs <c>npm ci</c> in ts-client: skipped locally without it, failed on CI (<c>CI=true</c>).
/// </summary>
public sealed class TypeScriptClientTests(ServedScenario served) : IClassFixture<ServedScenario>
{
    [Fact]
    public async Task The_TypeScript_SDK_client_lists_tools_and_calls_a_read_tool()
    {
        string sdk = Path.Combine(Repository.TypeScriptClient, "node_modules", "@modelcontextprotocol", "sdk", "package.json");
        if (!File.Exists(sdk))
        {
            string reason = $"the TypeScript SDK is not installed: run `npm ci` in {Repository.TypeScriptClient}";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason);
            Assert.Skip(reason);
        }

        var output = await RunNodeAsync(
            "client.mjs", served.Endpoint.ToString(), "list_k8s_resources", """{"kind":"Pod","namespace":"shop","labelSelector":"app.kubernetes.io/name=checkout"}""");

        var report = Assert.IsType<JsonObject>(JsonNode.Parse(output));
        Assert.Equal("2025-11-25", (string?)report["protocolVersion"]);
        Assert.Null(report["sessionId"]);
        Assert.Equal("eksops-local", (string?)report["server"]?["name"]);
        Assert.Equal(served.Registry.Definitions.Select(d => d.Name), report["tools"]!.AsArray().Select(t => (string?)t));
        var result = report["result"]!;
        Assert.NotEqual(true, (bool?)result["isError"]);
        var items = result["structuredContent"]!["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.StartsWith("checkout-", (string?)item!["name"], StringComparison.Ordinal));
    }

    private static async Task<string> RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Repository.TypeScriptClient,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await stderr}");
        return (await stdout).Trim();
    }
}
