using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Tools;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

namespace EksOps.Local;

/// <summary>
/// A scenario served on loopback — its cluster as a Kubernetes API server, its metrics, alarm and logs as CloudWatch
/// and CloudWatch Logs endpoints — with the production tool clients pointed at it. Production code paths are the
/// same; only the endpoints differ: the cluster is reached through a kubeconfig, AWS calls go to the simulator.
/// </summary>
public sealed class LocalScenario : IAsyncDisposable
{
    // The simulator accepts any SigV4 signature; these are AWS's documented example keys, not credentials.
    private static readonly AWSCredentials ExampleCredentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private readonly DirectoryInfo _folder;

    private LocalScenario(Scenario scenario, ScenarioEnvironment environment, DirectoryInfo folder, string kubeconfig)
    {
        Scenario = scenario;
        Environment = environment;
        _folder = folder;
        Cluster = new ClusterInfo
        {
            Name = scenario.Cluster.Name,
            Region = scenario.Cluster.Region,
            AccountId = scenario.Cluster.AccountId,
            Environment = scenario.Cluster.Environment,
            Kubeconfig = kubeconfig,
        };
        AwsOptions = new AwsClientOptions { Region = scenario.Cluster.Region, Credentials = ExampleCredentials };
        AwsOptions.Endpoints["monitoring"] = environment.CloudWatch.Endpoint;
        AwsOptions.Endpoints["logs"] = environment.CloudWatch.Endpoint;
        AwsPipeline = new AwsHttpPipeline(AwsOptions);
        Kubernetes = new KubeconfigClientFactory();
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The simulated cluster and CloudWatch.</summary>
    public ScenarioEnvironment Environment { get; }

    /// <summary>The served cluster as the tool registry knows it (reached through the generated kubeconfig).</summary>
    public ClusterInfo Cluster { get; }

    /// <summary>AWS client options with CloudWatch and CloudWatch Logs pointed at the simulator.</summary>
    public AwsClientOptions AwsOptions { get; }

    /// <summary>A signed HTTP pipeline over <see cref="AwsOptions"/>.</summary>
    public AwsHttpPipeline AwsPipeline { get; }

    /// <summary>Kubernetes clients from the kubeconfig.</summary>
    public KubeconfigClientFactory Kubernetes { get; }

    /// <summary>Serves <paramref name="scenario"/> on loopback ports (a temporary folder holds its kubeconfig).</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The served scenario; dispose it to stop the servers and delete the folder.</returns>
    public static async Task<LocalScenario> StartAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var folder = Directory.CreateTempSubdirectory("eksops-scenario-");
        string kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
        try
        {
            var environment = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, cancellationToken).ConfigureAwait(false);
            return new LocalScenario(scenario, environment, folder, kubeconfig);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The production tool registry over the served scenario: every read tool, and whatever <paramref name="configure"/>
    /// binds (for example the write tools with <see cref="WriteToolHandlers.BindAll"/>); tools left without a body
    /// are not served.
    /// </summary>
    /// <param name="policy">The tool policy; default policy options when <see langword="null"/>.</param>
    /// <param name="clock">The clock the tools read "now" from (a <see cref="ScenarioClock"/>).</param>
    /// <param name="configure">Binds further tools or sets builder options, given the builder and the Kubernetes clients.</param>
    /// <param name="kubernetes">The Kubernetes clients the tools use; the scenario's own (<see cref="Kubernetes"/>) by default, a fault-injecting wrapper in tests.</param>
    /// <returns>The registry.</returns>
    public ToolRegistry BuildRegistry(ToolPolicyOptions? policy, TimeProvider clock, Action<ToolRegistryBuilder, IKubernetesClientFactory>? configure = null, IKubernetesClientFactory? kubernetes = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        kubernetes ??= Kubernetes;
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([Cluster], Cluster.Name), new ToolPolicy(policy ?? new ToolPolicyOptions()))
            .Add(ToolCatalog.All);
        ReadToolHandlers.BindAll(builder, kubernetes, _ => AwsPipeline, clock);
        configure?.Invoke(builder, kubernetes);
        return builder.WithoutUnbound().Build();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Kubernetes.Dispose();
        AwsPipeline.Dispose();
        await Environment.DisposeAsync().ConfigureAwait(false);
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary kubeconfig is harmless.
        }
    }
}
