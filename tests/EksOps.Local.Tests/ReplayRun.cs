using System.Text.Json.Nodes;
using EksOps.IncidentStore;
using EksOps.Scenarios;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Local.Tests;

/// <summary>Replays a public scenario through the whole local flow and keeps what the assertions need.</summary>
internal static class ReplayRun
{
    public static async Task<LocalReplayResult> RunAsync(string id, LocalFlowOptions? options = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        await using var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        await using var flow = await LocalIncidentFlow.StartAsync(served, options ?? new LocalFlowOptions { VerifyWaitSeconds = 0 }, TestContext.Current.CancellationToken);
        return await flow.ReplayAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>The writes the simulated cluster applied for real (not dry runs), in order.</summary>
    public static IReadOnlyList<RecordedWrite> Applied(this LocalReplayResult result) =>
        [.. result.ClusterWrites.Where(w => !w.DryRun && w.StatusCode < 300)];

    public static JsonObject? Entry(this LocalReplayResult result, string key) =>
        result.Timeline.SingleOrDefault(e => e.Key == key)?.Data;

    public static IReadOnlyList<string> StatePath(this LocalReplayResult result) =>
        [.. result.History.Where(e => e.Type == StateMachine.Execution.ExecutionHistoryEventType.StateEntered).Select(e => e.StateName!)];

    public static IncidentStatus? Status(this LocalReplayResult result) => result.Incident?.Status;
}
