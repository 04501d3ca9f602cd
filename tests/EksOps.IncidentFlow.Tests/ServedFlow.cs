using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.Aws;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.Http;
using EksOps.Diagnosis;
using EksOps.Diagnosis.Agent;
using EksOps.IncidentEvents;
using EksOps.IncidentFlow.Remediation;
using EksOps.Incidents;
using EksOps.IncidentStore;
using EksOps.Lambda.Testing;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Simulation.Kubernetes;
using EksOps.Tools;
using ExecuteRunbookTool = EksOps.Tools.Actions.ExecuteRunbookTool;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow.Tests;

/// <summary>
/// A corpus scenario served over the real protocols (<see cref="ScenarioEnvironment"/>), one tool registry over it
/// (read tools against the simulated Kubernetes API and CloudWatch, <c>execute_runbook</c>), the in-memory incident
/// store holding the incident AlarmIngest would have opened, a recording event sink, and the flow composed over them.
/// </summary>
internal sealed class ServedFlow : IAsyncDisposable
{
    /// <summary>The deployment's approval key (the Approval function issues tokens with it; the policy verifies them).</summary>
    public static readonly ApprovalTokens Approvals = new(new ApprovalKey([.. Enumerable.Range(1, 32).Select(i => (byte)i)]));

    private readonly DirectoryInfo _folder;
    private readonly IDisposable _clients;
    private readonly AwsHttpPipeline _pipeline;

    private ServedFlow(Scenario scenario, ScenarioEnvironment environment, DirectoryInfo folder, ClusterInfo cluster, IKubernetesClientFactory kubernetes, IDisposable clients, AwsHttpPipeline pipeline, ToolPolicyOptions policy)
    {
        Scenario = scenario;
        Environment = environment;
        _folder = folder;
        Cluster = cluster;
        Kubernetes = kubernetes;
        _clients = clients;
        _pipeline = pipeline;
        Policy = policy;
        Clock = new FixedTimeProvider(scenario.Now);
        Store = new InMemoryIncidentStore(Clock);
        Registry = BuildRegistry(_ => pipeline);
        IncidentId = IncidentKeys.ExecutionName(scenario.Alarm.StateChange);
    }

    public Scenario Scenario { get; }

    public ScenarioEnvironment Environment { get; }

    public ClusterInfo Cluster { get; }

    public IKubernetesClientFactory Kubernetes { get; }

    public ToolPolicyOptions Policy { get; }

    public FixedTimeProvider Clock { get; }

    public InMemoryIncidentStore Store { get; }

    public RecordingIncidentEventSink Events { get; } = new();

    public ToolRegistry Registry { get; }

    public string IncidentId { get; }

    /// <summary>The writes that changed the simulated cluster (dry runs left out).</summary>
    public IReadOnlyList<RecordedWrite> RealWrites => [.. Environment.Kubernetes.Writes.Where(w => !w.DryRun)];

    public static async Task<ServedFlow> StartAsync(
        string id,
        ClusterEnvironment? environment = null,
        ToolPolicyOptions? policy = null,
        Func<string, IKubernetesClientFactory>? kubernetes = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));
        var folder = Directory.CreateTempSubdirectory("eksops-flow-");
        var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
        var served = await ScenarioEnvironment.StartAsync(scenario, kubeconfig, TestContext.Current.CancellationToken);
        var cluster = new ClusterInfo
        {
            Name = scenario.Cluster.Name,
            Region = scenario.Cluster.Region,
            AccountId = scenario.Cluster.AccountId,
            Environment = environment ?? scenario.Cluster.Environment,
            Kubeconfig = kubeconfig,
        };
        var clients = kubernetes?.Invoke(kubeconfig) ?? new KubeconfigClientFactory();
        var pipeline = Pipeline(scenario, served.CloudWatch.Endpoint, served.CloudWatch.Endpoint);
        var flow = new ServedFlow(scenario, served, folder, cluster, clients, (IDisposable)clients, pipeline, policy ?? new ToolPolicyOptions { Approvals = Approvals });
        await flow.Store.OpenOrJoinAsync(
            new IncidentRecord
            {
                Id = flow.IncidentId,
                CorrelationKey = $"{scenario.Cluster.Name}/{scenario.Alarm.StateChange.AlarmName}",
                AlarmName = scenario.Alarm.StateChange.AlarmName,
                AlarmArn = scenario.Alarm.StateChange.AlarmArn,
                Cluster = scenario.Cluster.Name,
                Status = IncidentStatus.Open,
                OpenedAt = scenario.Alarm.StateChange.State.Timestamp,
                UpdatedAt = scenario.Now,
            },
            TimeSpan.FromMinutes(15),
            TestContext.Current.CancellationToken);
        return flow;
    }

    /// <summary>An AWS pipeline to the simulator (any SigV4 signature is accepted; these are the documented placeholder keys).</summary>
    public static AwsHttpPipeline Pipeline(Scenario scenario, Uri monitoring, Uri logs)
    {
        var options = new AwsClientOptions
        {
            Region = scenario.Cluster.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            GetEnvironmentVariable = _ => null,
        };
        options.Endpoints["monitoring"] = monitoring;
        options.Endpoints["logs"] = logs;
        return new AwsHttpPipeline(options);
    }

    /// <summary>A registry over this scenario with the given CloudWatch pipeline (every read tool and <c>execute_runbook</c>).</summary>
    public ToolRegistry BuildRegistry(Func<ClusterInfo, AwsHttpPipeline> aws)
    {
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([Cluster], Cluster.Name), new ToolPolicy(Policy)).Add(ToolCatalog.All);
        ReadToolHandlers.BindAll(builder, Kubernetes, aws, Clock);
        builder.Bind(ToolCatalog.ExecuteRunbook.Name, new ExecuteRunbookTool(Kubernetes)).Without(ToolCatalog.CreateIncident.Name);
        return builder.Build();
    }

    public IncidentFlowServices Services(BedrockAgentRuntimeClient? bedrock = null, BedrockAnalystOptions? analyst = null, IncidentFlowOptions? options = null, IIncidentStore? store = null) =>
        new(new IncidentFlowDependencies
        {
            Store = store ?? Store,
            Events = Events,
            Registry = Registry,
            Kubernetes = Kubernetes,
            Bedrock = bedrock,
            AnalystOptions = analyst ?? new BedrockAnalystOptions { Mode = AnalystMode.Deterministic },
            Budget = new DiagnosisBudget(),
            Options = options ?? new IncidentFlowOptions(),
            Time = Clock,
        });

    /// <summary>A task payload for this incident.</summary>
    public JsonObject Payload(string step, JsonObject? state = null)
    {
        var payload = new JsonObject { ["step"] = step, ["incidentId"] = IncidentId };
        if (step == StepNames.Diagnose)
        {
            payload["alarm"] = JsonNode.Parse(Scenario.Alarm.Json.GetRawText());
        }

        if (state is not null)
        {
            payload["state"] = state.DeepClone();
        }

        return payload;
    }

    public static TestLambdaContext Context() => new() { CancellationToken = TestContext.Current.CancellationToken };

    /// <summary>Diagnose, analyze and plan through the Investigate and Remediate routers; the plan's result.</summary>
    public async Task<JsonObject> PlanAsync(IncidentFlowServices flow)
    {
        await flow.Investigate.HandleAsync(Payload(StepNames.Diagnose), Context());
        await flow.Investigate.HandleAsync(Payload(StepNames.Analyze), Context());
        return await flow.Remediate.HandleAsync(Payload(StepNames.Plan), Context());
    }

    public async Task<JsonObject> EntryAsync(string key) =>
        (await Store.FindEntryAsync(IncidentId, key, TestContext.Current.CancellationToken))?.Data
        ?? throw new InvalidOperationException($"no {key} entry");

    public async Task<IncidentRecord> RecordAsync() =>
        await Store.GetAsync(IncidentId, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("no record");

    /// <summary>What the Approval function stores when a human approves the planned change: a token for exactly that change.</summary>
    public async Task<string> ApproveAsync(string approver = "arn:aws:iam::123456789012:user/oncall")
    {
        var change = ProposedChange.FromJson((await EntryAsync(TimelineKeys.Plan))["change"]!.AsObject());
        string token = Approvals.Issue(change, approver, TimeSpan.FromMinutes(10));
        await Store.AppendAsync(IncidentId, new TimelineEntry
        {
            Key = TimelineKeys.Approval,
            Kind = TimelineKind.Approval,
            At = Clock.GetUtcNow(),
            Summary = "approved by " + approver,
            Data = new JsonObject { ["approved"] = true, ["approver"] = approver, ["approvalToken"] = token },
        }, TestContext.Current.CancellationToken);
        return token;
    }

    /// <summary>An object read back through the Kubernetes API.</summary>
    public async Task<JsonObject> ReadAsync(string kind, string? ns, string name) =>
        await TargetSnapshot.ReadAsync(Kubernetes, Cluster, TargetPaths.Of(kind, ns, name)!, TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"{kind} {ns}/{name} does not exist");

    /// <summary>Sends a strategic merge patch through the Kubernetes API, as a person with kubectl would.</summary>
    public Task PatchAsync(string kind, string? ns, string name, JsonObject patch) =>
        SendAsync(HttpMethod.Patch, TargetPaths.Of(kind, ns, name)!, new StringContent(patch.ToJsonString(), System.Text.Encoding.UTF8, "application/strategic-merge-patch+json"));

    /// <summary>Deletes a pod through the Kubernetes API (its controller's replacement is what a real cluster would start).</summary>
    public Task DeletePodAsync(string ns, string name) => SendAsync(HttpMethod.Delete, TargetPaths.Of("Pod", ns, name)!, null);

    /// <summary>Creates an object through the Kubernetes API (POST to its collection).</summary>
    public Task CreateAsync(string collectionPath, JsonObject body) =>
        SendAsync(HttpMethod.Post, collectionPath, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var clients = new KubeconfigClientFactory();
        var client = (k8s.Kubernetes)clients.GetClient(Cluster);
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, path.TrimStart('/'))) { Content = content };
        await client.Credentials!.ProcessHttpRequestAsync(request, TestContext.Current.CancellationToken);
        using var response = await client.HttpClient.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        _pipeline.Dispose();
        await Environment.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
