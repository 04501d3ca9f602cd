using System.Globalization;
using System.Text;
using EksOps.Cli.FunctionUrl;
using EksOps.Incidents;
using EksOps.Local;
using EksOps.Mcp;
using EksOps.Scenarios;
using EksOps.Tools;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

namespace EksOps.Cli;

/// <summary>
/// The McpServer function's handler, served through <see cref="FunctionUrlEmulator"/> over a registry whose tools reach
/// a served scenario (<see cref="LocalScenario"/>) or the cluster of a kubeconfig.
/// </summary>
internal sealed class LocalMcpServer : IAsyncDisposable
{
    /// <summary>The endpoint path, as the function serves it.</summary>
    public const string Path = McpEndpointOptions.DefaultPath;

    private readonly List<IDisposable> _clients;
    private readonly McpFunctionUrlHandler _handler;
    private FunctionUrlEmulator? _emulator;

    private LocalMcpServer(ToolRegistry registry, LocalScenario? scenario, List<IDisposable> clients, McpEndpointOptions options)
    {
        Registry = registry;
        Scenario = scenario;
        _clients = clients;
        _handler = new McpFunctionUrlHandler(registry, options);
    }

    /// <summary>The MCP endpoint, e.g. <c>http://127.0.0.1:8765/mcp</c>.</summary>
    public Uri Endpoint => new(_emulator!.BaseAddress, Path.TrimStart('/'));

    /// <summary>The registry served.</summary>
    public ToolRegistry Registry { get; }

    /// <summary>The served scenario, when serving one.</summary>
    public LocalScenario? Scenario { get; }

    /// <summary>Serves <paramref name="scenario"/> (Kubernetes and CloudWatch simulators) and the MCP endpoint over it.</summary>
    public static async Task<LocalMcpServer> StartAsync(Scenario scenario, LocalMcpServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var served = await LocalScenario.StartAsync(scenario, cancellationToken).ConfigureAwait(false);
        try
        {
            var clock = ScenarioClock.Frozen(scenario.Now);
            var registry = served.BuildRegistry(options.Policy ?? ToolPolicyOptions.FromEnvironment(), clock, (builder, kubernetes) => BindWriteTools(builder, kubernetes, options, clock));
            var server = new LocalMcpServer(registry, served, [], EndpointOptions(options));
            await server.ListenAsync(options, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await served.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Serves the MCP endpoint over the cluster <paramref name="kubeconfigPath"/> reaches (Kubernetes tools only).</summary>
    public static async Task<LocalMcpServer> StartAsync(string kubeconfigPath, LocalMcpServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new ClusterInfo
        {
            Name = options.ClusterName,
            Region = options.Region,
            AccountId = "000000000000",
            Environment = options.Environment,
            Kubeconfig = System.IO.Path.GetFullPath(kubeconfigPath),
        };
        var kubernetes = new KubeconfigClientFactory();
        var builder = Builder(cluster, options);
        ReadToolHandlers.BindAll(builder, kubernetes);
        BindWriteTools(builder, kubernetes, options, TimeProvider.System);
        var server = new LocalMcpServer(Build(builder, [.. ReadToolHandlers.KubernetesTools, .. WriteToolHandlers.Implemented]), null, [kubernetes], EndpointOptions(options));
        await server.ListenAsync(options, cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>What a person needs: the endpoint, how to point a client at it, and the scenario's endpoints.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"MCP server (Streamable HTTP, stateless) at {Endpoint}");
        text.AppendLine(invariant, $"  tools        {string.Join(", ", Registry.Definitions.Select(d => d.Name))}");
        text.AppendLine(invariant, $"  cluster      {Registry.Clusters.Clusters[0].Name} (pick another with the {McpFunctionUrlHandler.ClusterHeader} header)");
        text.AppendLine(invariant, $"               npx @modelcontextprotocol/inspector --transport http --server-url {Endpoint}");
        if (Scenario is not null)
        {
            text.AppendLine(Scenario.Environment.Describe().Replace("Press Ctrl-C to stop.", string.Empty, StringComparison.Ordinal).TrimEnd());
        }

        text.Append("Press Ctrl-C to stop.");
        return text.ToString();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }

        _handler.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (Scenario is not null)
        {
            await Scenario.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ListenAsync(LocalMcpServerOptions options, CancellationToken cancellationToken) =>
        _emulator = await FunctionUrlEmulator.StartAsync(_handler.HandleAsync, options.Port, options.Log, cancellationToken).ConfigureAwait(false);

    private static ToolRegistryBuilder Builder(ClusterInfo cluster, LocalMcpServerOptions options) =>
        new ToolRegistryBuilder(ClusterRegistry.Create([cluster], cluster.Name), new ToolPolicy(options.Policy ?? ToolPolicyOptions.FromEnvironment()))
            .Add(ToolCatalog.All);

    // Incidents are kept in memory and their events logged: a laptop has no incident store or event bus.
    // Locally, create_incident records in memory and logs the event it would publish.
    private static void BindWriteTools(ToolRegistryBuilder builder, IKubernetesClientFactory kubernetes, LocalMcpServerOptions options, TimeProvider clock) =>
        WriteToolHandlers.BindAll(builder, kubernetes, new InMemoryIncidentRecorder(), new LoggedIncidentEvents(new TextLambdaLogger(options.Log)), clock);

    // Tools without a body here (CloudWatch without a scenario) are not served rather than failing.
    private static ToolRegistry Build(ToolRegistryBuilder builder, IReadOnlyList<string> bound)
    {
        foreach (var definition in ToolCatalog.All.Where(d => !bound.Contains(d.Name)))
        {
            builder.Without(definition.Name);
        }

        return builder.Build();
    }

    private static McpEndpointOptions EndpointOptions(LocalMcpServerOptions options) => new()
    {
        AllowedOrigins = options.AllowedOrigins,
        ServerName = "eksops-local",
    };
}
