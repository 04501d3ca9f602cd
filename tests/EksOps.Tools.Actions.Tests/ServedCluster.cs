using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.Incidents;
using EksOps.Lambda.Testing;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Simulation.Kubernetes;
using EksOps.Tools.Readers;

namespace EksOps.Tools.Actions.Tests;

/// <summary>
/// A corpus scenario served by <see cref="ScenarioEnvironment"/>, with the registry every face uses: the catalogue,
/// the read tools (Kubernetes) and this library's write tools, output validation on, approvals verifiable, incidents
/// recorded in memory and published to a <see cref="FakeEventBridge"/>.
/// </summary>
internal sealed class ServedCluster : IAsyncDisposable
{
    /// <summary>The deployment's approval key and verifier (the real clock: tokens are issued and checked now).</summary>
    public static readonly ApprovalTokens Approvals = new(new ApprovalKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private readonly KubeconfigClientFactory _clients;
    private readonly AwsHttpPipeline _pipeline;

    private ServedCluster(Scenario scenario, ScenarioEnvironment environment, KubeconfigClientFactory clients, AwsHttpPipeline pipeline, FakeEventBridge eventBridge, InMemoryIncidentRecorder incidents, ToolRegistry registry)
    {
        Scenario = scenario;
        Environment = environment;
        _clients = clients;
        _pipeline = pipeline;
        EventBridge = eventBridge;
        Incidents = incidents;
        Registry = registry;
    }

    public Scenario Scenario { get; }

    public ScenarioEnvironment Environment { get; }

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
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("eksops-actions-").FullName, "kubeconfig");
        var served = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, TestContext.Current.CancellationToken);
        var cluster = new ClusterInfo
        {
            Name = scenario.Cluster.Name,
            Region = scenario.Cluster.Region,
            AccountId = scenario.Cluster.AccountId,
            Environment = environment ?? scenario.Cluster.Environment,
            Kubeconfig = kubeconfig,
        };
        var clients = new KubeconfigClientFactory();
        var eventBridge = new FakeEventBridge();
        var options = new AwsClientOptions
        {
            Region = scenario.Cluster.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            TransportHandler = eventBridge,
            GetEnvironmentVariable = _ => null,
        };
        options.Endpoints["events"] = new Uri("https://events.example.test/");
        var pipeline = new AwsHttpPipeline(options);
        var incidents = new InMemoryIncidentRecorder();
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([cluster], cluster.Name), new ToolPolicy(new ToolPolicyOptions { Approvals = Approvals }))
            .Add(ToolCatalog.All)
            .ValidateOutput();
        ReadToolHandlers.BindAll(builder, clients);
        WriteToolHandlers.BindAll(
            builder,
            clients,
            incidents,
            new EventBridgeIncidentPublisher(new EventBridgeClient(pipeline, new PutEventsOptions { MaxAttempts = 1 }), "eksops-incidents"),
            new FixedTimeProvider(scenario.Now));
        foreach (var name in ReadToolHandlers.CloudWatchTools)
        {
            builder.Without(name);
        }

        return new ServedCluster(scenario, served, clients, pipeline, eventBridge, incidents, builder.Build());
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
        _clients.Dispose();
        _pipeline.Dispose();
        await Environment.DisposeAsync();
    }
}
