using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Lambda;
using EksOps.Lambda.Testing;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Tools.Readers;

namespace EksOps.Tools.Faces.Tests;

/// <summary>
/// A corpus scenario served by <see cref="ScenarioEnvironment"/>, with a registry whose read tools reach it and whose
/// write tools are the fakes (the real ones are written elsewhere).
/// </summary>
internal sealed class ServedScenario : IAsyncDisposable
{
    /// <summary>The approval key of every served registry, so tests can issue tokens its policy accepts.</summary>
    public static readonly ApprovalTokens Approvals = new(new ApprovalKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private readonly ScenarioEnvironment _environment;
    private readonly KubeconfigClientFactory _clients;
    private readonly AwsHttpPipeline _pipeline;

    private ServedScenario(
        Scenario scenario, ScenarioEnvironment environment, KubeconfigClientFactory clients, AwsHttpPipeline pipeline, ToolRegistry registry, string kubeconfig,
        FakeRunbookTool runbooks, FakeIncidentTool incidents)
    {
        Runbooks = runbooks;
        Incidents = incidents;
        Scenario = scenario;
        _environment = environment;
        _clients = clients;
        _pipeline = pipeline;
        Registry = registry;
        Kubeconfig = kubeconfig;
    }

    public Scenario Scenario { get; }

    public ToolRegistry Registry { get; }

    /// <summary>The kubeconfig of the simulated cluster.</summary>
    public string Kubeconfig { get; }

    public string ClusterName => Scenario.Cluster.Name;

    public FakeRunbookTool Runbooks { get; }

    public FakeIncidentTool Incidents { get; }

    public static async Task<ServedScenario> StartAsync(string id = "checkout-restarts-prod", ToolPolicyOptions? policy = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("eksops-faces-").FullName, "kubeconfig");
        var environment = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, TestContext.Current.CancellationToken);
        var cluster = new ClusterInfo
        {
            Name = scenario.Cluster.Name,
            Region = scenario.Cluster.Region,
            AccountId = scenario.Cluster.AccountId,
            Environment = scenario.Cluster.Environment,
            Kubeconfig = kubeconfig,
        };
        var clients = new KubeconfigClientFactory();
        var builder = new ToolRegistryBuilder(
                ClusterRegistry.Create([cluster], cluster.Name),
                new ToolPolicy((policy ?? new ToolPolicyOptions()) with { Approvals = Approvals }))
            .Add(ToolCatalog.All)
            .ValidateOutput();
        var options = new AwsClientOptions
        {
            Region = scenario.Cluster.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        options.Endpoints["monitoring"] = environment.CloudWatch.Endpoint;
        options.Endpoints["logs"] = environment.CloudWatch.Endpoint;
        var pipeline = new AwsHttpPipeline(options);
        ReadToolHandlers.BindAll(builder, clients, _ => pipeline, new FixedTimeProvider(scenario.Now));
        var runbooks = new FakeRunbookTool();
        var incidents = new FakeIncidentTool();
        builder.Bind(ToolCatalog.ExecuteRunbook.Name, runbooks).Bind(ToolCatalog.CreateIncident.Name, incidents);
        return new ServedScenario(scenario, environment, clients, pipeline, builder.Build(), kubeconfig, runbooks, incidents);
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

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        _pipeline.Dispose();
        await _environment.DisposeAsync();
    }
}
