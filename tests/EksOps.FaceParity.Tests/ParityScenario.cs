using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Simulation.Kubernetes;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

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

    private readonly KubeconfigClientFactory _clients = new();
    private readonly AwsHttpPipeline _pipeline;
    private readonly ClusterInfo _cluster;

    private ParityScenario(Scenario scenario, ScenarioEnvironment environment, string kubeconfig)
    {
        Scenario = scenario;
        Environment = environment;
        _cluster = new ClusterInfo
        {
            Name = scenario.Cluster.Name,
            Region = scenario.Cluster.Region,
            AccountId = scenario.Cluster.AccountId,
            Environment = scenario.Cluster.Environment,
            Kubeconfig = kubeconfig,
        };
        var options = new AwsClientOptions
        {
            Region = scenario.Cluster.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        options.Endpoints["monitoring"] = environment.CloudWatch.Endpoint;
        options.Endpoints["logs"] = environment.CloudWatch.Endpoint;
        _pipeline = new AwsHttpPipeline(options);
    }

    public Scenario Scenario { get; }

    public ScenarioEnvironment Environment { get; }

    public string ClusterName => _cluster.Name;

    /// <summary>Writes the simulated API server applied for real (not dry runs).</summary>
    public IReadOnlyList<RecordedWrite> AppliedWrites => [.. Environment.Kubernetes.Writes.Where(w => !w.DryRun)];

    public static async Task<ParityScenario> StartAsync(string id)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("eksops-parity-").FullName, "kubeconfig");
        var environment = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, TestContext.Current.CancellationToken);
        return new ParityScenario(scenario, environment, kubeconfig);
    }

    /// <summary>A registry over the served scenario with every tool bound, as a deployment's ToolHost builds it.</summary>
    public ToolRegistry NewRegistry()
    {
        var time = new FixedTimeProvider(Scenario.Now);
        var builder = new ToolRegistryBuilder(
                ClusterRegistry.Create([_cluster], _cluster.Name),
                new ToolPolicy(new ToolPolicyOptions { Approvals = Approvals }))
            .Add(ToolCatalog.All)
            .ValidateOutput();
        ReadToolHandlers.BindAll(builder, _clients, _ => _pipeline, time);
        WriteToolHandlers.BindAll(builder, _clients, new InMemoryIncidentRecorder(), new RecordingPublisher(), time);
        return builder.Build();
    }

    /// <summary>The approval a human gives after seeing a write envelope's change.</summary>
    public static string Approve(JsonObject envelope) =>
        Approvals.Issue(ProposedChange.FromJson(envelope["change"]!.AsObject()), "arn:aws:iam::123456789012:user/oncall", TimeSpan.FromMinutes(10));

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        _pipeline.Dispose();
        await Environment.DisposeAsync();
    }

    /// <summary>Announces incidents with an event id derived from the incident, so every face sees the same one.</summary>
    private sealed class RecordingPublisher : IIncidentEventPublisher
    {
        public ValueTask<string> PublishOpenedAsync(IncidentRecord incident, ClusterInfo cluster, CancellationToken cancellationToken) =>
            ValueTask.FromResult("event-" + incident.Id);
    }
}
