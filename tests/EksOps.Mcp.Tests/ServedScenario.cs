using EksOps.Cli;
using EksOps.Scenarios;
using EksOps.Tools;

namespace EksOps.Mcp.Tests;

/// <summary>
/// The corpus scenario checkout-restarts-prod served as serve-mcp serves it: simulators, a registry of the read tools
/// over them, and the handler behind the local Function URL emulator. Shared by a test class.
/// </summary>
public sealed class ServedScenario : IAsyncLifetime
{
    public const string Id = "checkout-restarts-prod";

    private LocalMcpServer? _server;

    internal LocalMcpServer Server => _server ?? throw new InvalidOperationException("not started");

    public ToolRegistry Registry => Server.Registry;

    public Uri Endpoint => Server.Endpoint;

    public Scenario Scenario => Server.Scenario!.Scenario;

    public async ValueTask InitializeAsync() =>
        _server = await LocalMcpServer.StartAsync(
            ScenarioLoader.Load(Path.Combine(Repository.Scenarios, Id)),
            new LocalMcpServerOptions { Port = 0, Policy = new ToolPolicyOptions() },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
