using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.AlarmIngest;
using EksOps.Approval;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentFlow;
using EksOps.IncidentStore;
using EksOps.StateMachine.Definition;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Server;
using EksOps.Tools;

namespace EksOps.Local;

/// <summary>
/// The whole incident flow on this machine, over a served scenario: AlarmIngest, the Investigate, Remediate, Approval
/// and Report functions each in its runtime loop behind a loopback Runtime API, <c>statemachine/incident.asl.json</c>
/// run by the local Step Functions (served on loopback, so AlarmIngest's StartExecution and Approval's SendTask*
/// calls go over the Step Functions wire protocol), the in-memory incident store, a recording event sink and a
/// scriptable approver that clicks the links of <c>Approval Requested</c>. Production code paths; local endpoints.
/// </summary>
public sealed class LocalIncidentFlow : IAsyncDisposable
{
    /// <summary>The local state machine's name.</summary>
    public const string StateMachineName = "eksops-incident";

    private const string ApprovalBaseUrl = "http://127.0.0.1/approval/";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<Task> _approvals = [];
    private readonly Lock _approvalsLock = new();
    private LocalFunction _alarmIngest = null!;
    private LocalFunction _approval = null!;

    private LocalIncidentFlow(LocalScenario served, LocalFlowOptions options)
    {
        Served = served;
        Options = options;
        Clock = ScenarioClock.Running(served.Scenario.Now);
        Store = new InMemoryIncidentStore(Clock);
        Events = new RecordingIncidentEventSink(OnPublished);
    }

    /// <summary>The served scenario.</summary>
    public LocalScenario Served { get; }

    /// <summary>The options.</summary>
    public LocalFlowOptions Options { get; }

    /// <summary>The scenario clock every function reads.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The incident store.</summary>
    public InMemoryIncidentStore Store { get; }

    /// <summary>Every event the functions published.</summary>
    public RecordingIncidentEventSink Events { get; }

    /// <summary>The local Step Functions.</summary>
    public LocalStepFunctions StepFunctions { get; private set; } = null!;

    /// <summary>The state machine's ARN.</summary>
    public string StateMachineArn { get; private set; } = string.Empty;

    /// <summary>Starts the functions, the state machine and the Step Functions endpoint over <paramref name="served"/>.</summary>
    /// <param name="served">The served scenario.</param>
    /// <param name="options">How to run.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running flow; dispose it to stop everything (the scenario stays served).</returns>
    public static async Task<LocalIncidentFlow> StartAsync(LocalScenario served, LocalFlowOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(options);
        var flow = new LocalIncidentFlow(served, options);
        try
        {
            await flow.StartFunctionsAsync(cancellationToken).ConfigureAwait(false);
            return flow;
        }
        catch
        {
            await flow.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The definition the flow runs: <c>statemachine/incident.asl.json</c>, embedded at build time.</summary>
    /// <returns>The ASL JSON text.</returns>
    public static string EmbeddedDefinition()
    {
        using var stream = typeof(LocalIncidentFlow).Assembly.GetManifestResourceStream("incident.asl.json")
            ?? throw new InvalidOperationException("statemachine/incident.asl.json is not embedded in EksOps.Local");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Feeds <paramref name="alarmEvent"/> (the scenario's alarm when null) through AlarmIngest, then waits for the
    /// execution it starts to end and for every approval answer to settle.
    /// </summary>
    /// <param name="alarmEvent">The alarm event JSON.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="LocalReplayException">AlarmIngest failed or started nothing.</exception>
    public async Task<LocalReplayResult> ReplayAsync(string? alarmEvent = null, CancellationToken cancellationToken = default)
    {
        string input = alarmEvent ?? Served.Scenario.Alarm.Json.GetRawText();
        var ingest = await _alarmIngest.InvokeAsync(input, cancellationToken).ConfigureAwait(false);
        if (ingest.IsError)
        {
            throw new LocalReplayException($"AlarmIngest failed: {ingest.ErrorType}: {ingest.ErrorMessage}");
        }

        var ingested = JsonNode.Parse(ingest.PayloadText)?.AsObject() ?? throw new LocalReplayException("AlarmIngest answered nothing");
        string? executionArn = (string?)ingested["executionArn"];
        string? incidentId = (string?)ingested["incidentId"];
        if (executionArn is null || incidentId is null)
        {
            throw new LocalReplayException($"AlarmIngest started no execution: {(string?)ingested["reason"] ?? ingest.PayloadText}");
        }

        var execution = StepFunctions.GetExecution(executionArn);
        var description = await execution.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task[] approvals;
        lock (_approvalsLock)
        {
            approvals = [.. _approvals];
        }

        await Task.WhenAll(approvals).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new LocalReplayResult
        {
            IncidentId = incidentId,
            Ingest = ingested,
            Execution = description,
            History = execution.History,
            Incident = await Store.GetAsync(incidentId, cancellationToken).ConfigureAwait(false),
            Timeline = await Store.GetTimelineAsync(incidentId, cancellationToken).ConfigureAwait(false),
            Report = await IncidentReport.LoadAsync(Store, incidentId, cancellationToken).ConfigureAwait(false),
            Events = Events.Events,
            ClusterWrites = Served.Environment.Kubernetes.Writes,
        };
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartFunctionsAsync(CancellationToken cancellationToken)
    {
        var scenario = Served.Scenario;
        string region = scenario.Cluster.Region;
        string account = scenario.Cluster.AccountId;
        var policyKey = new ApprovalKey(RandomNumberGenerator.GetBytes(32));
        var policyTokens = new ApprovalTokens(policyKey, time: Clock);
        var kubernetes = Options.KubernetesClients ?? Served.Kubernetes;
        var registry = Served.BuildRegistry(
            Options.Policy with { Approvals = policyTokens },
            Clock,
            (builder, clients) => builder.Bind(ToolCatalog.ExecuteRunbook.Name, new EksOps.Tools.Actions.ExecuteRunbookTool(clients)),
            kubernetes);
        var steps = new IncidentFlowServices(new IncidentFlowDependencies
        {
            Store = Store,
            Events = Events,
            Registry = registry,
            Kubernetes = kubernetes,
            Bedrock = Options.Bedrock,
            AnalystOptions = Options.AnalystOptions,
            Time = Clock,
        });
        var investigate = steps.Investigate;
        var remediate = steps.Remediate;
        var report = steps.Report;

        var timeout = TimeSpan.FromMinutes(2);
        var investigateFunction = await Own(LocalFunction.StartAsync<JsonObject, JsonObject>("eksops-investigate", region, account, investigate.HandleAsync, LocalJsonContext.Default, timeout, Options.FunctionLog)).ConfigureAwait(false);
        var remediateFunction = await Own(LocalFunction.StartAsync<JsonObject, JsonObject>("eksops-remediate", region, account, remediate.HandleAsync, LocalJsonContext.Default, timeout, Options.FunctionLog)).ConfigureAwait(false);
        var reportFunction = await Own(LocalFunction.StartAsync<JsonObject, JsonObject>("eksops-report", region, account, report.HandleAsync, LocalJsonContext.Default, timeout, Options.FunctionLog)).ConfigureAwait(false);

        // Step Functions comes before Approval and AlarmIngest, which call it over HTTP; its invoker resolves the
        // functions by ARN when a task runs, so the two can be added after the state machine exists.
        var functions = new List<LocalFunction> { investigateFunction, remediateFunction, reportFunction };
        var invoker = new LocalFunctionInvoker(functions) { Intercept = Options.Intercept };
        StepFunctions = new LocalStepFunctions(invoker, new LocalStepFunctionsOptions { Region = region, AccountId = account, Observer = Options.Observer, TimeProvider = Options.StepFunctionsTime });
        _owned.Add(StepFunctions);
        var stepFunctionsServer = await Own(LocalStepFunctionsServer.StartAsync(StepFunctions, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var aws = new AwsClientOptions { Region = region, Credentials = Served.AwsOptions.Credentials };
        aws.Endpoints["states"] = stepFunctionsServer.Endpoint;
        var pipeline = new AwsHttpPipeline(aws);
        _owned.Add(new DisposableAdapter(pipeline));
        var stepFunctionsClient = new StepFunctionsClient(pipeline);

        var linkKey = new ApprovalLinkKey(RandomNumberGenerator.GetBytes(32));
        var approval = new ApprovalHandler(Store, Events, stepFunctionsClient, new ApprovalOptions
        {
            ApprovalUrl = new Uri(ApprovalBaseUrl),
            Links = new ApprovalLinkSigner(linkKey, time: Clock),
            PolicyTokens = policyTokens,
        }, Clock);
        _approval = await Own(LocalFunction.StartAsync<JsonElement, JsonNode>("eksops-approval", region, account, approval.HandleAsync, LocalJsonContext.Default, timeout, Options.FunctionLog)).ConfigureAwait(false);
        functions.Add(_approval);

        string Arn(string name) => functions.Single(f => f.Name == name).Arn;
        var definition = StateMachineDefinition.Parse(EmbeddedDefinition(), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["InvestigateFunctionArn"] = Arn("eksops-investigate"),
            ["RemediateFunctionArn"] = Arn("eksops-remediate"),
            ["ApprovalFunctionArn"] = Arn("eksops-approval"),
            ["ReportFunctionArn"] = Arn("eksops-report"),
            ["ApprovalUrl"] = ApprovalBaseUrl,
        });
        StateMachineArn = StepFunctions.CreateStateMachine(StateMachineName, definition);

        var ingest = new AlarmIngestHandler(Store, new StepFunctionsExecutionStarter(stepFunctionsClient), Events, new AlarmIngestSettings
        {
            StateMachineArn = StateMachineArn,
            ApprovalTimeoutSeconds = Options.ApprovalTimeoutSeconds,
            VerifyWaitSeconds = Options.VerifyWaitSeconds,
        }, Clock);
        _alarmIngest = await Own(LocalFunction.StartAsync<JsonElement, AlarmIngestResult>("eksops-alarm-ingest", region, account, ingest.HandleAsync, AlarmIngestJsonContext.Default, timeout, Options.FunctionLog)).ConfigureAwait(false);
    }

    private async Task<T> Own<T>(Task<T> starting)
        where T : IAsyncDisposable
    {
        var started = await starting.ConfigureAwait(false);
        _owned.Add(started);
        return started;
    }

    // Runs on the Approval function's invocation: answering happens afterwards, on its own task, because the answer
    // is a Function URL invocation of that same function.
    private Task OnPublished(RecordedIncidentEvent published, CancellationToken cancellationToken)
    {
        if (published.Event.DetailType != IncidentEventTypes.ApprovalRequested || Options.Approve == ApprovalMode.Ignore)
        {
            return Task.CompletedTask;
        }

        var detail = published.Event.Detail.DeepClone().AsObject();
        lock (_approvalsLock)
        {
            // The answer outlives the publishing invocation, so it does not take that invocation's token.
            _approvals.Add(Task.Run(() => AnswerAsync(detail), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    private async Task AnswerAsync(JsonObject detail)
    {
        bool approve = Options.Approve switch
        {
            ApprovalMode.Auto => true,
            ApprovalMode.Ask when Options.AskApprover is { } ask => await ask(detail, CancellationToken.None).ConfigureAwait(false),
            _ => false,
        };
        var approver = LocalApprover.ForJsonInvoker(
            async (json, token) => (await _approval.InvokeAsync(json, token).ConfigureAwait(false)).PayloadText,
            Options.Approve == ApprovalMode.Ask ? "local approver (asked)" : $"local approver ({Options.Approve.ToString().ToLowerInvariant()})");
        await approver.DecideAsync(detail, approve ? ApprovalDecision.Approve : ApprovalDecision.Deny, approve ? "approved in eksops replay" : "denied in eksops replay").ConfigureAwait(false);
    }

    private sealed class DisposableAdapter(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
