using EksOps.Lambda.Testing;
using EksOps.Local;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Tools;
using EksOps.Tools.Actions;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>
/// A public scenario served by <see cref="LocalScenario"/> (its cluster over the Kubernetes API, CloudWatch),
/// one tool registry over it with the read tools and the real <c>execute_runbook</c> (so a write the agent asks for
/// reaches the simulated API server under the default policy), and the deterministic diagnosis made through it.
/// </summary>
public sealed class ServedIncident : IAsyncLifetime
{
    public const string ScenarioId = "checkout-restarts-prod";

    private LocalScenario? _served;

    public Scenario Scenario { get; } = ScenarioLoader.Load(Path.Combine(Repository.PublicScenarios, ScenarioId));

    public ScenarioEnvironment Environment => _served?.Environment ?? throw new InvalidOperationException("not started");

    public ToolRegistry Registry { get; private set; } = null!;

    /// <summary>The deterministic diagnosis of the scenario's alarm, made through <see cref="Registry"/>.</summary>
    public DiagnosisResult Deterministic { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _served = await LocalScenario.StartAsync(Scenario, TestContext.Current.CancellationToken);
        Registry = _served.BuildRegistry(
            policy: null,
            ScenarioClock.Frozen(Scenario.Now),
            (builder, kubernetes) => builder.Bind(ToolCatalog.ExecuteRunbook.Name, new ExecuteRunbookTool(kubernetes)));
        Deterministic = await new Diagnoser(Registry, new DiagnosisBudget()).DiagnoseAsync(Request(new TestMetrics()));
    }

    /// <summary>The request the diagnosis and the analyst are made for, with <paramref name="metrics"/> to assert on.</summary>
    public DiagnosisRequest Request(TestMetrics metrics) => new()
    {
        Alarm = Scenario.Alarm.StateChange,
        ClusterName = Scenario.Cluster.Name,
        Now = Scenario.Now,
        Caller = new ToolCaller("arn:aws:sts::123456789012:assumed-role/eksops-analyze/incident-1", ToolFace.Internal),
        Logger = new TestLambdaLogger(),
        Metrics = metrics,
        CancellationToken = TestContext.Current.CancellationToken,
    };

    public async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }
}
