using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EksOps.Aws;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.Diagnosis;
using EksOps.Diagnosis.Agent;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;
using EksOps.Tools.Actions;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow;

/// <summary>
/// The composition root of the three flow functions, from the environment: the incident store
/// (<see cref="IncidentStoreFactory"/>), the EventBridge sink, and for Investigate and Remediate the cluster registry,
/// the policy, one set of Kubernetes clients shared by the read tools and <c>execute_runbook</c>, and for Investigate
/// the Bedrock agent. Built once per sandbox in the runtime's initializer, so a bad configuration is an init error.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>variable</term><description>read for</description></listheader>
/// <item><term><c>EKSOPS_INCIDENT_STORE</c>, <c>EKSOPS_INCIDENT_TABLE</c>, <c>EKSOPS_INCIDENT_RETENTION_DAYS</c>, <c>EKSOPS_ENDPOINT_DYNAMODB</c></term><description>the store (every function)</description></item>
/// <item><term><c>EKSOPS_EVENT_BUS_NAME</c></term><description>the bus events go to (every function; the account's default bus when unset)</description></item>
/// <item><term><c>EKSOPS_CLUSTERS</c> / <c>EKSOPS_CLUSTERS_FILE</c>, <c>EKSOPS_KUBECONFIG</c>, the policy's <c>EKSOPS_*</c> variables</term><description>Investigate, Remediate</description></item>
/// <item><term><c>EKSOPS_DIAGNOSIS_MAX_*</c>, <c>EKSOPS_ANALYST_*</c>, <c>EKSOPS_AGENT_ID</c>, <c>EKSOPS_AGENT_ALIAS_ID</c></term><description>Investigate</description></item>
/// <item><term><c>EKSOPS_MIN_CONFIDENCE_TO_ACT</c></term><description>Remediate</description></item>
/// <item><term><c>AWS_ENDPOINT_URL_*</c>, <c>EKSOPS_ENDPOINT_*</c></term><description>endpoint overrides of the AWS clients</description></item>
/// </list>
/// </remarks>
public sealed class IncidentFlowHost : IDisposable
{
    /// <summary>The EventBridge bus the flow's events go to.</summary>
    public const string EventBusVariable = "EKSOPS_EVENT_BUS_NAME";

    private readonly List<IDisposable> _owned;

    private IncidentFlowHost(IncidentFlowFunction function, IncidentFlowServices services, List<IDisposable> owned)
    {
        Function = function;
        Services = services;
        _owned = owned;
    }

    /// <summary>The function this host serves.</summary>
    public IncidentFlowFunction Function { get; }

    /// <summary>The flow composed from the environment.</summary>
    public IncidentFlowServices Services { get; }

    /// <summary>The function's handler.</summary>
    public StepRouter Router => Services.RouterFor(Function);

    /// <summary>Builds the host of one function from the environment.</summary>
    /// <param name="function">The function.</param>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <param name="time">The clock; the system clock by default.</param>
    /// <returns>The host; dispose it to release its clients.</returns>
    /// <exception cref="InvalidOperationException">The store's configuration is missing or invalid.</exception>
    /// <exception cref="ClusterRegistryException">Investigate or Remediate has no valid cluster registry.</exception>
    /// <exception cref="FormatException">A policy, analyst or flow variable is malformed.</exception>
    public static IncidentFlowHost FromEnvironment(IncidentFlowFunction function, Func<string, string?>? getVariable = null, TimeProvider? time = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        time ??= TimeProvider.System;
        var owned = new List<IDisposable>();
        try
        {
            var store = IncidentStoreFactory.FromEnvironment(getVariable, time);
            if (store is IDisposable disposableStore)
            {
                owned.Add(disposableStore);
            }

            // The deployment's own Region and identity: where its event bus and the Bedrock agent are.
            var home = new AwsHttpPipeline(new AwsClientOptions { GetEnvironmentVariable = getVariable, TimeProvider = time });
            owned.Add(home);
            var dependencies = new IncidentFlowDependencies
            {
                Store = store,
                Events = new EventBridgeIncidentEventSink(new EventBridgeClient(home), getVariable(EventBusVariable)),
                Options = IncidentFlowOptions.FromEnvironment(getVariable),
                Time = time,
            };
            if (function != IncidentFlowFunction.Report)
            {
                var kubernetes = ClusterClientFactory.FromEnvironment(getVariable, time);
                owned.Add(kubernetes);
                var builder = new ToolRegistryBuilder(ClusterRegistry.FromEnvironment(getVariable), new ToolPolicy(ToolPolicyOptions.FromEnvironment(getVariable, time)))
                    .Add(ToolCatalog.All)
                    .Without(ToolCatalog.CreateIncident.Name);
                ReadToolHandlers.BindAll(builder, kubernetes, kubernetes.AwsPipelineFor, time);
                builder.Bind(ToolCatalog.ExecuteRunbook.Name, new ExecuteRunbookTool(kubernetes));
                dependencies = dependencies with { Registry = builder.Build(), Kubernetes = kubernetes };
            }

            if (function == IncidentFlowFunction.Investigate)
            {
                var analyst = BedrockAnalystOptions.FromEnvironment(getVariable);
                dependencies = dependencies with
                {
                    AnalystOptions = analyst,
                    Bedrock = analyst.AgentConfigured ? new BedrockAgentRuntimeClient(home) : null,
                    Budget = DiagnosisBudget.FromEnvironment(),
                };
            }

            return new IncidentFlowHost(function, new IncidentFlowServices(dependencies), owned);
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Runs a flow function: builds the host from the environment in the runtime's initializer (a bad configuration is
    /// reported on the init-error route), serves every invocation with its router, then disposes the host.
    /// </summary>
    /// <param name="function">The function.</param>
    /// <param name="jsonContext">The function's source-generated JSON context, covering <see cref="JsonObject"/>.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunLambdaAsync(IncidentFlowFunction function, JsonSerializerContext jsonContext)
    {
        IncidentFlowHost? host = null;
        try
        {
            return await LambdaRuntime.RunAsync<JsonObject, JsonObject>(
                () =>
                {
                    host = FromEnvironment(function);
                    return host.Router.HandleAsync;
                },
                jsonContext).ConfigureAwait(false);
        }
        finally
        {
            host?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }
}
