using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Cli;
using EksOps.Lambda.Testing;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Tools;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>
/// A public scenario served by <see cref="ScenarioEnvironment"/> (its cluster over the Kubernetes API, CloudWatch),
/// one tool registry over it with the read tools and the real <c>execute_runbook</c> (so a write the agent asks for
/// reaches the simulated API server under the default policy), and the deterministic diagnosis made through it.
/// </summary>
public sealed class ServedIncident : IAsyncLifetime
{
    public const string ScenarioId = "checkout-restarts-prod";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("eksops-diagnosis-agent-");
    private ScenarioEnvironment? _environment;
    private KubeconfigClientFactory? _clients;
    private AwsHttpPipeline? _pipeline;

    public Scenario Scenario { get; } = ScenarioLoader.Load(Path.Combine(Repository.PublicScenarios, ScenarioId));

    public ScenarioEnvironment Environment => _environment ?? throw new InvalidOperationException("not started");

    public ToolRegistry Registry { get; private set; } = null!;

    /// <summary>The deterministic diagnosis of the scenario's alarm, made through <see cref="Registry"/>.</summary>
    public DiagnosisResult Deterministic { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var kubeconfig = Path.Combine(_folder.FullName, "kubeconfig");
        _environment = await ScenarioEnvironment.StartAsync(Scenario, kubeconfig, TestContext.Current.CancellationToken);
        var cluster = new ClusterInfo
        {
            Name = Scenario.Cluster.Name,
            Region = Scenario.Cluster.Region,
            AccountId = Scenario.Cluster.AccountId,
            Environment = Scenario.Cluster.Environment,
            Kubeconfig = kubeconfig,
        };
        _clients = new KubeconfigClientFactory();
        // The simulator accepts any SigV4 signature; these are the documented placeholder keys, not credentials.
        var options = new AwsClientOptions
        {
            Region = Scenario.Cluster.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        options.Endpoints["monitoring"] = _environment.CloudWatch.Endpoint;
        options.Endpoints["logs"] = _environment.CloudWatch.Endpoint;
        _pipeline = new AwsHttpPipeline(options);
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([cluster], cluster.Name), new ToolPolicy(new ToolPolicyOptions())).Add(ToolCatalog.All);
        ReadToolHandlers.BindAll(builder, _clients, _ => _pipeline, new ScenarioClock(Scenario.Now));
        builder.Bind(ToolCatalog.ExecuteRunbook.Name, new ExecuteRunbookTool(_clients));
        foreach (var definition in ToolCatalog.All.Where(d => !ReadToolHandlers.Implemented.Contains(d.Name) && d.Name != ToolCatalog.ExecuteRunbook.Name))
        {
            builder.Without(definition.Name);
        }

        Registry = builder.Build();
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
        _clients?.Dispose();
        _pipeline?.Dispose();
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }
}
