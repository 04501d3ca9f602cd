using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.Incidents;
using EksOps.Lambda.Testing;
using EksOps.Local;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Tools.Actions.Tests;

/// <summary>
/// A corpus scenario served by <see cref="LocalScenario"/>, with the registry every face uses: the catalogue, the read
/// tools and this library's write tools, output validation on, approvals verifiable, incidents recorded in memory and
/// published to a <see cref="FakeEventBridge"/>.
/// </summary>
internal sealed class ServedCluster : IAsyncDisposable
{
    /// <summary>The deployment's approval key and verifier (the real clock: tokens are issued and checked now).</summary>
    public static readonly ApprovalTokens Approvals = new(new ApprovalKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private readonly LocalScenario _served;
    private readonly AwsHttpPipeline _events;

    private ServedCluster(LocalScenario served, AwsHttpPipeline events, FakeEventBridge eventBridge, InMemoryIncidentRecorder incidents, ToolRegistry registry)
    {
        _served = served;
        _events = events;
        EventBridge = eventBridge;
        Incidents = incidents;
        Registry = registry;
    }

    /// <summary>The served scenario (with the cluster environment given to <see cref="StartAsync"/>, if any).</summary>
    public Scenario Scenario => _served.Scenario;

    public ScenarioEnvironment Environment => _served.Environment;

    public SimulatedCluster Cluster => Environment.Kubernetes.Cluster;

    public IReadOnlyList<RecordedWrite> Writes => Environment.Kubernetes.Writes;

    /// <summary>The writes that changed something (not dry runs).</summary>
    public IReadOnlyList<RecordedWrite> RealWrites => [.. Writes.Where(w => !w.DryRun)];

    public FakeEventBridge EventBridge { get; }

    public InMemoryIncidentRecorder Incidents { get; }

    public ToolRegistry Registry { get; }

    public TestLambdaLogger Logger { get; } = new();

    /// <summary>Serves <paramref name="id"/>; <paramref name="environment"/> overrides the scenario's cluster environment.</summary>
    public static async Task<ServedCluster> StartAsync(string id, ClusterEnvironment? environment = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        if (environment is { } overridden)
        {
            scenario = scenario with { Cluster = scenario.Cluster with { Environment = overridden } };
        }

        var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        // The simulator serves no EventBridge: incident events go to the in-process fake instead.
        var eventBridge = new FakeEventBridge();
        var options = new AwsClientOptions
        {
            Region = scenario.Cluster.Region,
            Credentials = served.AwsOptions.Credentials,
            TransportHandler = eventBridge,
            GetEnvironmentVariable = _ => null,
        };
        options.Endpoints["events"] = new Uri("https://events.example.test/");
        var events = new AwsHttpPipeline(options);
        var incidents = new InMemoryIncidentRecorder();
        var clock = ScenarioClock.Frozen(scenario.Now);
        var registry = served.BuildRegistry(
            new ToolPolicyOptions { Approvals = Approvals },
            clock,
            (builder, kubernetes) =>
            {
                builder.ValidateOutput();
                WriteToolHandlers.BindAll(
                    builder,
                    kubernetes,
                    incidents,
                    new EventBridgeIncidentPublisher(new EventBridgeClient(events, new PutEventsOptions { MaxAttempts = 1 }), "eksops-incidents"),
                    clock);
            });
        return new ServedCluster(served, events, eventBridge, incidents, registry);
    }

    public async Task<ToolResult> InvokeAsync(string tool, JsonObject arguments, string? approvalToken = null) =>
        await Registry.InvokeAsync(tool, arguments, new ToolInvocationContext
        {
            Caller = new ToolCaller("arn:aws:sts::123456789012:assumed-role/agent/session", ToolFace.Internal),
            ApprovalToken = approvalToken,
            Logger = Logger,
            Metrics = new TestMetrics(),
            CancellationToken = TestContext.Current.CancellationToken,
        });

    /// <summary>Runs a runbook through the registry.</summary>
    public Task<ToolResult> RunbookAsync(string runbook, JsonObject target, JsonObject? parameters = null, bool dryRun = true, string? approvalToken = null)
    {
        var arguments = new JsonObject { ["runbook"] = runbook, ["target"] = target, ["dryRun"] = dryRun };
        if (parameters is not null)
        {
            arguments["parameters"] = parameters;
        }

        return InvokeAsync("execute_runbook", arguments, approvalToken);
    }

    /// <summary>An approval a human would give for the change an envelope shows.</summary>
    public static string Approve(ToolResult envelope) =>
        Approvals.Issue(ChangeOf(envelope), "arn:aws:iam::123456789012:user/oncall", TimeSpan.FromMinutes(10));

    /// <summary>The change of a write envelope, as the approval step rebuilds it; its hash is checked against the envelope's.</summary>
    public static ProposedChange ChangeOf(ToolResult envelope)
    {
        var change = envelope.Content["change"]!.AsObject();
        var proposed = new ProposedChange
        {
            Cluster = (string)change["cluster"]!,
            Namespace = (string?)change["namespace"],
            Target = (string)change["target"]!,
            Runbook = change["runbook"] is { } runbook ? Runbooks.Parse((string)runbook!) : null,
            Effect = (string)change["effect"]! == "write" ? RunbookEffect.Write : RunbookEffect.NoAction,
            Patch = change["patch"]!.AsObject().DeepClone().AsObject(),
            Summary = (string)change["summary"]!,
        };
        Assert.Equal((string)change["patchHash"]!, proposed.PatchHash);
        return proposed;
    }

    public JsonObject? Find(string apiVersion, string kind, string? ns, string name) => Cluster.Find(apiVersion, kind, ns, name);

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        await _served.DisposeAsync();
    }
}
