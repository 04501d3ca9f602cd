using EksOps.Lambda;
using EksOps.Lambda.Testing;
using EksOps.Local;
using EksOps.Scenarios;

namespace EksOps.Tools.Faces.Tests;

/// <summary>
/// A corpus scenario served by <see cref="LocalScenario"/>, with a registry whose read tools reach it and whose
/// write tools are the fakes (the real ones are written elsewhere).
/// </summary>
internal sealed class ServedScenario : IAsyncDisposable
{
    /// <summary>The approval key of every served registry, so tests can issue tokens its policy accepts.</summary>
    public static readonly ApprovalTokens Approvals = new(new ApprovalKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private readonly LocalScenario _served;

    private ServedScenario(LocalScenario served, ToolRegistry registry, FakeRunbookTool runbooks, FakeIncidentTool incidents)
    {
        _served = served;
        Registry = registry;
        Runbooks = runbooks;
        Incidents = incidents;
    }

    public Scenario Scenario => _served.Scenario;

    public ToolRegistry Registry { get; }

    /// <summary>The kubeconfig of the simulated cluster.</summary>
    public string Kubeconfig => _served.Environment.KubeconfigPath;

    public string ClusterName => Scenario.Cluster.Name;

    public FakeRunbookTool Runbooks { get; }

    public FakeIncidentTool Incidents { get; }

    public static async Task<ServedScenario> StartAsync(string id = "checkout-restarts-prod", ToolPolicyOptions? policy = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        var runbooks = new FakeRunbookTool();
        var incidents = new FakeIncidentTool();
        var registry = served.BuildRegistry(
            (policy ?? new ToolPolicyOptions()) with { Approvals = Approvals },
            ScenarioClock.Frozen(scenario.Now),
            (builder, _) => builder
                .ValidateOutput()
                .Bind(ToolCatalog.ExecuteRunbook.Name, runbooks)
                .Bind(ToolCatalog.CreateIncident.Name, incidents));
        return new ServedScenario(served, registry, runbooks, incidents);
    }

    /// <summary>A context for a direct handler call, cancelled with the test.</summary>
    public static TestLambdaContext Context(LambdaClientContext? clientContext = null) => new()
    {
        CancellationToken = TestContext.Current.CancellationToken,
        ClientContext = clientContext,
    };

    /// <summary>The approval token a human would be given for the fake runbook's change to <paramref name="deployment"/>.</summary>
    public string Approve(string ns, string deployment) =>
        Approvals.Issue(FakeRunbookTool.ChangeFor(ClusterName, ns, deployment), "oncall@example.com", TimeSpan.FromMinutes(15));

    public ValueTask DisposeAsync() => _served.DisposeAsync();
}
