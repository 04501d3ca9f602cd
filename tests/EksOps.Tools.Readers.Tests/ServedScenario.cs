using System.Text.Json.Nodes;
using EksOps.Lambda.Testing;
using EksOps.Local;
using EksOps.Scenarios;

namespace EksOps.Tools.Readers.Tests;

/// <summary>A corpus scenario served by <see cref="LocalScenario"/>, with a registry whose read tools reach it.</summary>
internal sealed class ServedScenario : IAsyncDisposable
{
    private readonly LocalScenario _served;

    private ServedScenario(LocalScenario served, ToolRegistry registry)
    {
        _served = served;
        Registry = registry;
    }

    public Scenario Scenario => _served.Scenario;

    public ToolRegistry Registry { get; }

    public TestLambdaLogger Logger { get; } = new();

    public static async Task<ServedScenario> StartAsync(string id, ToolPolicyOptions? policy = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        var registry = served.BuildRegistry(policy, ScenarioClock.Frozen(scenario.Now), (builder, _) => builder.ValidateOutput());
        return new ServedScenario(served, registry);
    }

    public async Task<ToolResult> InvokeAsync(string tool, JsonObject arguments) =>
        await Registry.InvokeAsync(tool, arguments, new ToolInvocationContext
        {
            Caller = new ToolCaller("arn:aws:sts::123456789012:assumed-role/agent/session", ToolFace.Internal),
            Logger = Logger,
            Metrics = new TestMetrics(),
            CancellationToken = TestContext.Current.CancellationToken,
        });

    public ValueTask DisposeAsync() => _served.DisposeAsync();
}
