using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Cli.Tests;

/// <summary><c>eksops serve-mcp</c>: the MCP endpoint behind the local Function URL emulator, run as the command line runs it.</summary>
public class ServeMcpCommandTests
{
    [Fact]
    public async Task Serve_mcp_prints_the_endpoint_and_answers_MCP_until_stopped()
    {
        int port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var run = EksOpsCommand.Create(output, TextWriter.Null)
            .Parse(["serve-mcp", "--scenario", Path.Combine(Repository.Scenarios, "checkout-restarts-prod"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .InvokeAsync(cancellationToken: stop.Token);
        var endpoint = new Uri($"http://127.0.0.1:{port}/mcp");
        using var http = new HttpClient();
        await WaitUntilListeningAsync(http, endpoint, run);

        using var call = Post(endpoint, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_k8s_resources","arguments":{"kind":"Pod","namespace":"shop"}}}""");
        using var response = await http.SendAsync(call, TestContext.Current.CancellationToken);
        using var get = await http.GetAsync(endpoint, TestContext.Current.CancellationToken);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Contains($"MCP server (Streamable HTTP, stateless) at {endpoint}", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["result"]!;
        Assert.False((bool)result["isError"]!);
        Assert.NotNull(result["structuredContent"]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("POST", Assert.Single(get.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("serve-mcp")]
    [InlineData("serve-mcp --scenario a --kubeconfig b")]
    public async Task Serve_mcp_needs_exactly_one_source(string commandLine)
    {
        var error = new StringWriter();

        int exitCode = await EksOpsCommand.Create(TextWriter.Null, error).Parse(commandLine.Split(' ')).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("exactly one of --scenario DIR and --kubeconfig FILE", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_mcp_reports_a_missing_scenario_folder()
    {
        var error = new StringWriter();

        int exitCode = await EksOpsCommand.Create(TextWriter.Null, error)
            .Parse(["serve-mcp", "--scenario", Path.Combine(Repository.Scenarios, "no-such-scenario"), "--port", "0"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(error.ToString());
    }

    private static HttpRequestMessage Post(Uri endpoint, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        return request;
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, Uri endpoint, Task<int> run)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(run.IsCompleted, "serve-mcp ended before it served");
            try
            {
                using var ping = Post(endpoint, """{"jsonrpc":"2.0","id":0,"method":"ping"}""");
                using var response = await http.SendAsync(ping, TestContext.Current.CancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail("serve-mcp did not start listening within 30 seconds");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
