using System.Text.Json.Nodes;
using EksOps.Local;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Simulation.Kubernetes;
using EksOps.Tools.Actions;

namespace EksOps.FaceParity.Tests;

/// <summary>
/// A corpus scenario served over the real Kubernetes and CloudWatch wire formats, and a fresh registry per face with
/// every tool body bound (reads and writes), so faces share the cluster but no per-registry state such as the incident
/// recorder.
/// </summary>
internal sealed class ParityScenario : IAsyncDisposable
{
    /// <summary>The approval key of every registry here, so tests can issue tokens the policy accepts.</summary>
    public static readonly ApprovalTokens Approvals = new(new ApprovalKey([.. Enumerable.Range(1, 32).Select(i => (byte)i)]));

    private readonly LocalScenario _served;

    private ParityScenario(LocalScenario served) => _served = served;

    public Scenario Scenario => _served.Scenario;

    public ScenarioEnvironment Environment => _served.Environment;

    public string ClusterName => _served.Cluster.Name;

    /// <summary>Writes the simulated API server applied for real (not dry runs).</summary>
    public IReadOnlyList<RecordedWrite> AppliedWrites => [.. Environment.Kubernetes.Writes.Where(w => !w.DryRun)];

    public static async Task<ParityScenario> StartAsync(string id)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        return new ParityScenario(await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken));
    }

    /// <summary>A registry over the served scenario with every tool bound, as a deployment's ToolHost builds it.</summary>
    public ToolRegistry NewRegistry()
    {
        var clock = ScenarioClock.Frozen(Scenario.Now);
        return _served.BuildRegistry(
            new ToolPolicyOptions { Approvals = Approvals },
            clock,
            (builder, kubernetes) =>
            {
                builder.ValidateOutput();
                WriteToolHandlers.BindAll(builder, kubernetes, new InMemoryIncidentRecorder(), new RecordingPublisher(), clock);
            });
    }

    /// <summary>The approval a human gives after seeing a write envelope's change.</summary>
    public static string Approve(JsonObject envelope) =>
        Approvals.Issue(ProposedChange.FromJson(envelope["change"]!.AsObject()), "arn:aws:iam::123456789012:user/oncall", TimeSpan.FromMinutes(10));

    public ValueTask DisposeAsync() => _served.DisposeAsync();

    /// <summary>Announces incidents with an event id derived from the incident, so every face sees the same one.</summary>
    private sealed class RecordingPublisher : IIncidentEventPublisher
    {
        public ValueTask<string> PublishOpenedAsync(IncidentRecord incident, ClusterInfo cluster, CancellationToken cancellationToken) =>
            ValueTask.FromResult("event-" + incident.Id);
    }
}
