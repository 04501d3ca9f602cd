using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Lambda.Testing;
using EksOps.Scenarios;
using EksOps.Simulation;

namespace EksOps.Tools.Readers.Tests;

/// <summary>A corpus scenario served by <see cref="ScenarioEnvironment"/>, with a registry whose read tools reach it.</summary>
internal sealed class ServedScenario : IAsyncDisposable
{
    private readonly ScenarioEnvironment _environment;
    private readonly KubeconfigClientFactory _clients;
    private readonly AwsHttpPipeline _pipeline;

    private ServedScenario(Scenario scenario, ScenarioEnvironment environment, KubeconfigClientFactory clients, AwsHttpPipeline pipeline, ToolRegistry registry)
    {
        _pipeline = pipeline;
        Scenario = scenario;
        _environment = environment;
        _clients = clients;
        Registry = registry;
    }

    public Scenario Scenario { get; }

    public ToolRegistry Registry { get; }

    public TestLambdaLogger Logger { get; } = new();

    public static async Task<ServedScenario> StartAsync(string id, ToolPolicyOptions? policy = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("eksops-readers-").FullName, "kubeconfig");
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
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([cluster], cluster.Name), new ToolPolicy(policy ?? new ToolPolicyOptions()))
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
        foreach (var definition in ToolCatalog.All.Where(d => !ReadToolHandlers.Implemented.Contains(d.Name)))
        {
            builder.Without(definition.Name);
        }

        return new ServedScenario(scenario, environment, clients, pipeline, builder.Build());
    }

    public async Task<ToolResult> InvokeAsync(string tool, JsonObject arguments) =>
        await Registry.InvokeAsync(tool, arguments, new ToolInvocationContext
        {
            Caller = new ToolCaller("arn:aws:sts::123456789012:assumed-role/agent/session", ToolFace.Internal),
            Logger = Logger,
            Metrics = new TestMetrics(),
            CancellationToken = TestContext.Current.CancellationToken,
        });

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        _pipeline.Dispose();
        await _environment.DisposeAsync();
    }
}
