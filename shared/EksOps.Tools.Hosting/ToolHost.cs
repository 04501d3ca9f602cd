using System.Text.Json.Serialization;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

namespace EksOps.Tools.Hosting;

/// <summary>
/// The composition root of every function that serves tools (McpServer, ActionGroup, GatewayTarget, and the analysis
/// steps that call tools through RETURN_CONTROL): the cluster registry, the policy, Kubernetes clients and AWS
/// pipelines per cluster, and the tool bodies bound into one <see cref="ToolRegistry"/>. Built once per Lambda sandbox
/// (in the runtime's initializer) and reused by every invocation.
/// </summary>
/// <remarks>
/// <para>Environment variables read here (the cluster registry's and the policy's are documented with
/// <see cref="ClusterRegistry.FromEnvironment"/> and <see cref="ToolPolicyOptions.FromEnvironment"/>):</para>
/// <list type="table">
/// <listheader><term>variable</term><description>effect</description></listheader>
/// <item><term><c>EKSOPS_CLUSTERS</c> / <c>EKSOPS_CLUSTERS_FILE</c></term><description>The cluster registry (required).</description></item>
/// <item><term><c>EKSOPS_KUBECONFIG</c></term><description>A kubeconfig for clusters that name neither a kubeconfig nor an endpoint (local use: the simulated cluster's); every other cluster is reached through EKS (<see cref="ClusterClientFactory"/>).</description></item>
/// <item><term><c>EKSOPS_EVENT_BUS_NAME</c></term><description>The EventBridge bus <c>create_incident</c> publishes <c>Incident Opened</c> on; the account's default bus when unset.</description></item>
/// <item><term><c>EKSOPS_INCIDENT_TABLE</c> (and <c>EKSOPS_INCIDENT_STORE</c>, <c>EKSOPS_INCIDENT_RETENTION_DAYS</c>, <c>EKSOPS_ENDPOINT_DYNAMODB</c>)</term><description>The incident store <c>create_incident</c> records into (<see cref="IncidentStoreFactory.FromEnvironment"/>, through <see cref="IncidentStoreRecorder"/>): the flow's DynamoDB table, so incidents outlive the sandbox. With neither <c>EKSOPS_INCIDENT_TABLE</c> nor <c>EKSOPS_INCIDENT_STORE</c> set, incidents are kept in this process only (<see cref="InMemoryIncidentRecorder"/>; local <c>serve-mcp</c>).</description></item>
/// <item><term><c>AWS_ENDPOINT_URL_*</c>, <c>EKSOPS_ENDPOINT_*</c></term><description>Endpoint overrides for the AWS clients (local CloudWatch).</description></item>
/// </list>
/// </remarks>
public sealed class ToolHost : IDisposable
{
    /// <summary>The EventBridge bus incidents are announced on.</summary>
    public const string EventBusVariable = "EKSOPS_EVENT_BUS_NAME";

    private readonly ClusterClientFactory _kubernetes;
    private readonly AwsHttpPipeline _home;
    private readonly IIncidentStore? _incidentStore;

    private ToolHost(ClusterRegistry clusters, ToolPolicy policy, IIncidentStore? incidentStore, Func<string, string?> getVariable, TimeProvider time, AWSCredentials? credentials)
    {
        Clusters = clusters;
        _incidentStore = incidentStore;
        _kubernetes = ClusterClientFactory.FromEnvironment(getVariable, time);
        // The deployment's own Region and identity: where its event bus is.
        _home = new AwsHttpPipeline(new AwsClientOptions { GetEnvironmentVariable = getVariable, TimeProvider = time, Credentials = credentials });
        Incidents = incidentStore is null ? new InMemoryIncidentRecorder() : new IncidentStoreRecorder(incidentStore, time);
        var builder = new ToolRegistryBuilder(clusters, policy).Add(ToolCatalog.All);
        ReadToolHandlers.BindAll(builder, _kubernetes, _kubernetes.AwsPipelineFor, time);
        WriteToolHandlers.BindAll(
            builder,
            _kubernetes,
            Incidents,
            new EventBridgeIncidentPublisher(new EventBridgeClient(_home), getVariable(EventBusVariable)),
            time);
        Registry = builder.Build();
    }

    /// <summary>The registry every face serves.</summary>
    public ToolRegistry Registry { get; }

    /// <summary>The clusters this deployment serves.</summary>
    public ClusterRegistry Clusters { get; }

    /// <summary>
    /// Where <c>create_incident</c> records incidents: <see cref="IncidentStoreRecorder"/> over the incident store when
    /// <c>EKSOPS_INCIDENT_TABLE</c> or <c>EKSOPS_INCIDENT_STORE</c> is set, otherwise <see cref="InMemoryIncidentRecorder"/>.
    /// </summary>
    public IIncidentRecorder Incidents { get; }

    /// <summary>Builds the host from the process environment.</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default (tests pass their own).</param>
    /// <param name="time">The clock; the system clock by default.</param>
    /// <param name="credentials">
    /// Credentials for the deployment's own AWS calls (its event bus and incident table); the SDK's default chain when
    /// <see langword="null"/> (in Lambda, the function's role). Cluster access has its own (see <see cref="ClusterClientFactory"/>).
    /// </param>
    /// <returns>The host; dispose it to release its clients.</returns>
    /// <exception cref="ClusterRegistryException">The cluster registry is missing or invalid.</exception>
    /// <exception cref="InvalidOperationException">An incident store variable is invalid (or a region is missing); the message names it.</exception>
    public static ToolHost FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? time = null, AWSCredentials? credentials = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        time ??= TimeProvider.System;
        var clusters = ClusterRegistry.FromEnvironment(getVariable);
        var policy = new ToolPolicy(ToolPolicyOptions.FromEnvironment(getVariable, time));
        var incidentStore = UsesIncidentStore(getVariable) ? IncidentStoreFactory.FromEnvironment(getVariable, time, credentials) : null;
        try
        {
            return new ToolHost(clusters, policy, incidentStore, getVariable, time, credentials);
        }
        catch
        {
            (incidentStore as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a tool-serving Lambda function: builds the host from the environment inside the runtime's initializer (so a
    /// bad cluster registry or policy is reported on the init-error route), creates the face's handler over its registry,
    /// serves invocations until the runtime loop ends, then disposes the handler (if disposable) and the host.
    /// </summary>
    /// <typeparam name="TIn">The event type.</typeparam>
    /// <typeparam name="TOut">The response type.</typeparam>
    /// <typeparam name="THandler">The face's handler.</typeparam>
    /// <param name="createHandler">Creates the handler over the registry, once per sandbox.</param>
    /// <param name="handle">Handles one invocation with the handler.</param>
    /// <param name="jsonContext">The function's source-generated JSON context, covering <typeparamref name="TIn"/> and <typeparamref name="TOut"/>.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunLambdaAsync<TIn, TOut, THandler>(
        Func<ToolRegistry, THandler> createHandler,
        Func<THandler, TIn, ILambdaContext, Task<TOut>> handle,
        JsonSerializerContext jsonContext)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(createHandler);
        ArgumentNullException.ThrowIfNull(handle);
        ToolHost? host = null;
        THandler? handler = null;
        try
        {
            return await LambdaRuntime.RunAsync<TIn, TOut>(
                () =>
                {
                    host = FromEnvironment();
                    var created = createHandler(host.Registry);
                    handler = created;
                    return (input, context) => handle(created, input, context);
                },
                jsonContext).ConfigureAwait(false);
        }
        finally
        {
            (handler as IDisposable)?.Dispose();
            host?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _kubernetes.Dispose();
        _home.Dispose();
        (_incidentStore as IDisposable)?.Dispose();
    }

    /// <summary>Whether the environment names an incident store (a table, or a store kind); without one, incidents stay in memory.</summary>
    private static bool UsesIncidentStore(Func<string, string?> getVariable) =>
        !string.IsNullOrWhiteSpace(getVariable(IncidentStoreFactory.TableVariable)) || !string.IsNullOrWhiteSpace(getVariable(IncidentStoreFactory.StoreVariable));
}
