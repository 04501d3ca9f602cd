using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EksOps.Approval;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Incidents;
using EksOps.Lambda.Testing;
using EksOps.Local;
using EksOps.Scenarios;
using EksOps.StateMachine.Definition;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Server;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// One deployment of the suite, as for one cluster's account and Region (CloudWatch delivers an alarm's events to the
/// EventBridge of its own account and Region, so each cluster of the corpus has its own deployment): every function as
/// its own warm process, and the incident flow run through them as in AWS. AlarmIngest's <c>StartExecution</c> and
/// Approval's <c>SendTask*</c> go to the local Step Functions (the embedded <c>statemachine/incident.asl.json</c>,
/// served over the Step Functions protocol), whose Lambda tasks are invoked on the Investigate, Remediate, Approval and
/// Report processes; the incident store is moto's DynamoDB; events go to a loopback EventBridge, where
/// <c>Approval Requested</c> is answered by clicking its signed approve link (a Function URL invocation of the Approval
/// process). Each scenario is moved to the present (<see cref="ScenarioTimeShift"/>), since a bootstrap reads the
/// system clock, and served behind fixed fronts (<see cref="ScenarioFront"/>), since the processes read their
/// endpoints once; after it, its alarm is delivered again (the duplicate path) and the table is emptied.
/// </summary>
internal sealed class SizingRun : IAsyncDisposable
{
    private const string ApprovalBaseUrl = "http://127.0.0.1/approval/";
    private static readonly TimeSpan FlowPatience = TimeSpan.FromMinutes(10);

    // The simulators and moto accept any SigV4 signature; these are AWS's documented example keys, not credentials.
    private static readonly BasicAWSCredentials ExampleCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private readonly SizingOptions _options;
    private readonly DirectoryInfo _folder;
    private readonly List<FunctionProcess> _functions = [];
    private readonly List<Task> _approvals = [];
    private readonly List<ToolOutcome> _tools = [];
    private readonly HashSet<(string Scenario, DateTimeOffset Now)> _offsets = [];
    private ScenarioFront? _front;
    private EventBridgeRecorder? _events;
    private MotoDynamoDb? _moto;
    private LocalStepFunctions? _stepFunctions;
    private LocalStepFunctionsServer? _stepFunctionsServer;
    private IIncidentStore? _store;
    private string _stateMachineArn = string.Empty;
    private volatile string _scenario = "(start)";

    private SizingRun(SizingOptions options, ScenarioCluster cluster)
    {
        _options = options;
        Cluster = cluster;
        _folder = Directory.CreateTempSubdirectory("eksops-sizing-");
    }

    /// <summary>The cluster this deployment serves; its Region and account are the deployment's.</summary>
    public ScenarioCluster Cluster { get; }

    private string Region => Cluster.Region;

    private string AccountId => Cluster.AccountId;

    /// <summary>The function processes, in <see cref="FunctionSpec.All"/> order.</summary>
    public IReadOnlyList<FunctionProcess> Functions => _functions;

    /// <summary>Every tool call's outcome.</summary>
    public IReadOnlyList<ToolOutcome> Tools
    {
        get
        {
            lock (_tools)
            {
                return [.. _tools];
            }
        }
    }

    /// <summary>Starts the loopback services and every function process (one at a time, so no init competes with another).</summary>
    /// <param name="options">The executables and settings.</param>
    /// <param name="cluster">The cluster the deployment serves (its only cluster, so also the default one).</param>
    /// <param name="log">Progress lines.</param>
    public static async Task<SizingRun> StartAsync(SizingOptions options, ScenarioCluster cluster, Action<string> log)
    {
        var run = new SizingRun(options, cluster);
        try
        {
            await run.StartServicesAsync(log);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One scenario: moved to now and served; every read tool once through McpServer, ActionGroup and GatewayTarget;
    /// then its alarm through AlarmIngest and the whole execution, approvals answered; then each process's memory.
    /// </summary>
    /// <param name="scenario">The scenario as loaded.</param>
    /// <param name="round">1 for the first pass over the corpus; only the first is checked against the in-process replay.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<ScenarioOutcome> RunScenarioAsync(Scenario scenario, int round, CancellationToken cancellationToken)
    {
        var shifted = await MoveToNowAsync(scenario, cancellationToken);
        await using var served = await LocalScenario.StartAsync(shifted, cancellationToken);
        _front!.PointAt(served);
        _scenario = scenario.Id;
        await CallToolsAsync(shifted, cancellationToken);
        var outcome = await RunFlowAsync(scenario, shifted, cancellationToken) with { Round = round };

        // EventBridge delivers at least once: the same alarm again takes AlarmIngest's duplicate path, which finds the
        // incident and its execution and does nothing more.
        var again = await Function(FunctionSpec.AlarmIngest).InvokeAsync(Encoding.UTF8.GetString(shifted.Alarm.Utf8Json.Span), "redelivered alarm", scenario.Id, cancellationToken: cancellationToken);
        if (outcome.IncidentId is not null && !again.IsError && (string?)JsonNode.Parse(again.PayloadText)?["incidentId"] != outcome.IncidentId)
        {
            outcome = outcome with { Failure = $"the redelivered alarm did not find incident {outcome.IncidentId}: {Cut(again.PayloadText)}" };
        }

        await _moto!.ResetAsync();
        foreach (var function in _functions)
        {
            function.SampleMemory(round == 1 ? scenario.Id : $"{scenario.Id} #{round}");
        }

        if (_options.ReplayCheck && round == 1)
        {
            outcome = await WithInProcessReplayAsync(scenario, outcome, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// The scenario moved to now, at a whole-minute offset no earlier run of it used: the offset moves the alarm's state
    /// timestamp, which names the incident, so a repeat within the same minute would join the earlier incident instead
    /// of running the flow again. Waits for the next minute when it has to.
    /// </summary>
    private async Task<Scenario> MoveToNowAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var shifted = ScenarioTimeShift.MoveTo(scenario, now);
            if (_offsets.Add((scenario.Id, shifted.Now)))
            {
                return shifted;
            }

            await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond) + TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>
    /// How long moto takes to answer one DynamoDB read from this process (<c>GetItem</c> of an absent incident), to set
    /// the store's share of the durations against DynamoDB's single-digit milliseconds in a Region.
    /// </summary>
    /// <returns>The round trips, in milliseconds.</returns>
    public async Task<List<double>> ProbeStoreAsync(int reads, CancellationToken cancellationToken)
    {
        var samples = new List<double>(reads);
        for (int i = 0; i < reads; i++)
        {
            long began = Stopwatch.GetTimestamp();
            _ = await _store!.GetAsync("sizing-probe-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }

        return samples;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var function in _functions)
        {
            await function.DisposeAsync();
        }

        if (_stepFunctionsServer is not null)
        {
            await _stepFunctionsServer.DisposeAsync();
        }

        if (_stepFunctions is not null)
        {
            await _stepFunctions.DisposeAsync();
        }

        (_store as IDisposable)?.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        if (_events is not null)
        {
            await _events.DisposeAsync();
        }

        if (_front is not null)
        {
            await _front.DisposeAsync();
        }

        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary kubeconfig is harmless.
        }
    }

    private FunctionProcess Function(FunctionSpec spec) => _functions.Single(f => f.Spec == spec);

    private async Task StartServicesAsync(Action<string> log)
    {
        _front = await ScenarioFront.StartAsync(_folder.FullName);
        _events = await EventBridgeRecorder.StartAsync(OnEvent);
        _moto = await MotoDynamoDb.StartAsync(Region, ExampleCredentials);
        var storeVariables = _moto.StoreVariables(Region);
        _store = IncidentStoreFactory.FromEnvironment(name => storeVariables.GetValueOrDefault(name), credentials: ExampleCredentials);

        // The state machine resolves its tasks when they run, so it can exist before the processes do.
        _stepFunctions = new LocalStepFunctions(
            new ProcessTaskInvoker(_functions, () => _scenario),
            new LocalStepFunctionsOptions { Region = Region, AccountId = AccountId });
        _stepFunctionsServer = await LocalStepFunctionsServer.StartAsync(_stepFunctions);
        var definition = StateMachineDefinition.Parse(LocalIncidentFlow.EmbeddedDefinition(), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["InvestigateFunctionArn"] = FunctionSpec.Investigate.Arn(Region, AccountId),
            ["RemediateFunctionArn"] = FunctionSpec.Remediate.Arn(Region, AccountId),
            ["ApprovalFunctionArn"] = FunctionSpec.Approval.Arn(Region, AccountId),
            ["ReportFunctionArn"] = FunctionSpec.Report.Arn(Region, AccountId),
            ["ApprovalUrl"] = ApprovalBaseUrl,
        });
        _stateMachineArn = _stepFunctions.CreateStateMachine(LocalIncidentFlow.StateMachineName, definition);

        var sizes = TemplateSizes.Read(_options.TemplatePath, FunctionSpec.All.Select(f => f.Project));
        var environments = Environments();
        foreach (var spec in FunctionSpec.All)
        {
            int memory = sizes.GetValueOrDefault(spec.Project).MemoryMB ?? 256;
            var function = await FunctionProcess.StartAsync(spec, Cluster.Name, _options.Executables[spec.Project], Region, AccountId, memory, environments[spec.Project]);
            _functions.Add(function);
            log($"  {spec.Project,-14} started: init {function.InitDuration.TotalMilliseconds:0} ms ({function.Path})");
        }
    }

    /// <summary>Each function's environment, as template.yaml would give it, with every endpoint on loopback.</summary>
    private Dictionary<string, IReadOnlyDictionary<string, string?>> Environments()
    {
        // The one cluster is reached through the Kubernetes front, which serves the scenario being run.
        var registry = new JsonObject
        {
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = Cluster.Name,
                ["region"] = Cluster.Region,
                ["accountId"] = Cluster.AccountId,
                ["environment"] = Cluster.Environment.Id(),
                ["kubeconfig"] = _front!.KubeconfigPath,
            }),
        }.ToJsonString();
        string policySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string linkSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Dictionary<string, string?> With(params IReadOnlyDictionary<string, string>[] parts)
        {
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_ACCESS_KEY_ID"] = ExampleCredentials.GetCredentials().AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = ExampleCredentials.GetCredentials().SecretKey,
                ["EKSOPS_ENDPOINT_EVENTS"] = _events!.Endpoint.ToString(),
                ["EKSOPS_EVENT_BUS_NAME"] = "eksops-incidents",
            };
            foreach (var (name, value) in parts.SelectMany(p => p))
            {
                variables[name] = value;
            }

            return variables;
        }

        var store = _moto!.StoreVariables(Region);
        var cluster = new Dictionary<string, string>
        {
            ["EKSOPS_CLUSTERS"] = registry,
            ["EKSOPS_ENDPOINT_MONITORING"] = _front!.CloudWatchEndpoint.ToString(),
            ["EKSOPS_ENDPOINT_LOGS"] = _front.CloudWatchEndpoint.ToString(),
        };
        var states = new Dictionary<string, string> { ["EKSOPS_ENDPOINT_STATES"] = _stepFunctionsServer!.Endpoint.ToString() };
        var policy = new Dictionary<string, string> { ["EKSOPS_APPROVAL_SECRET"] = policySecret };
        return new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal)
        {
            ["AlarmIngest"] = With(store, states, new Dictionary<string, string>
            {
                ["EKSOPS_STATE_MACHINE_ARN"] = _stateMachineArn,
                ["EKSOPS_APPROVAL_TIMEOUT_SECONDS"] = "300",
                ["EKSOPS_VERIFY_WAIT_SECONDS"] = "1",
                // Every scenario is moved to the present, so two of them on one workload would otherwise fold into one incident.
                ["EKSOPS_CORRELATION_WINDOW_SECONDS"] = "0",
            }),
            ["Investigate"] = With(store, cluster),
            ["Remediate"] = With(store, cluster, policy),
            ["Approval"] = With(store, states, policy, new Dictionary<string, string>
            {
                ["EKSOPS_APPROVAL_AUTH"] = "link",
                ["EKSOPS_APPROVAL_URL"] = ApprovalBaseUrl,
                ["EKSOPS_APPROVAL_LINK_SECRET"] = linkSecret,
            }),
            ["Report"] = With(store),
            ["McpServer"] = With(cluster),
            ["ActionGroup"] = With(cluster),
            ["GatewayTarget"] = With(cluster),
        };
    }

    private async Task CallToolsAsync(Scenario shifted, CancellationToken cancellationToken)
    {
        var reads = ToolCalls.ReadsFor(shifted);
        string cluster = shifted.Cluster.Name;
        string id = shifted.Id;
        var mcp = Function(FunctionSpec.McpServer);
        var listed = await mcp.InvokeAsync(ToolCalls.McpEvent(0, "tools/list", null, cluster), "tools/list", id, cancellationToken: cancellationToken);
        Record(mcp, "tools/list", id, listed, McpError);
        int rpc = 1;
        foreach (var (tool, arguments) in reads)
        {
            var called = await mcp.InvokeAsync(
                ToolCalls.McpEvent(rpc++, "tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments.DeepClone() }, cluster), tool, id, cancellationToken: cancellationToken);
            Record(mcp, tool, id, called, McpError);
        }

        var actionGroup = Function(FunctionSpec.ActionGroup);
        foreach (var (tool, arguments) in reads)
        {
            var called = await actionGroup.InvokeAsync(ToolCalls.ActionGroupEvent(tool, arguments, cluster), tool, id, cancellationToken: cancellationToken);
            Record(actionGroup, tool, id, called, ActionGroupError);
        }

        var gateway = Function(FunctionSpec.GatewayTarget);
        foreach (var (tool, arguments) in reads)
        {
            var called = await gateway.InvokeAsync(arguments.ToJsonString(), tool, id, ToolCalls.GatewayClientContext(tool), cancellationToken);
            Record(gateway, tool, id, called, CallToolResultError);
        }
    }

    private void Record(FunctionProcess function, string tool, string scenario, InvocationResult result, Func<JsonNode, string?> toolError)
    {
        string? error;
        if (result.IsError)
        {
            error = $"{result.ErrorType}: {result.ErrorMessage}";
        }
        else
        {
            try
            {
                error = toolError(JsonNode.Parse(result.PayloadText)!);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
            {
                error = "unreadable answer: " + Cut(result.PayloadText);
            }
        }

        lock (_tools)
        {
            _tools.Add(new ToolOutcome(function.Spec.Project, tool, scenario, error is null, error is null ? null : Cut(error)));
        }
    }

    private static string? McpError(JsonNode response)
    {
        int status = (int)response["statusCode"]!;
        var body = JsonNode.Parse((string)response["body"]!)!;
        if (status != 200 || body["error"] is not null)
        {
            return $"HTTP {status}: {body["error"]?.ToJsonString() ?? string.Empty}";
        }

        return body["result"]?["isError"] is { } isError && (bool)isError ? (string?)body["result"]!["content"]![0]!["text"] : null;
    }

    private static string? ActionGroupError(JsonNode response)
    {
        var function = response["response"]!["functionResponse"]!;
        return function["responseState"] is { } state ? $"{(string?)state}: {(string?)function["responseBody"]?["TEXT"]?["body"]}" : null;
    }

    private static string? CallToolResultError(JsonNode response) =>
        (bool)response["isError"]! ? (string?)response["content"]![0]!["text"] : null;

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private async Task<ScenarioOutcome> RunFlowAsync(Scenario original, Scenario shifted, CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        var ingest = Function(FunctionSpec.AlarmIngest);
        var answer = await ingest.InvokeAsync(Encoding.UTF8.GetString(shifted.Alarm.Utf8Json.Span), "alarm", original.Id, cancellationToken: cancellationToken);
        var notStarted = new ScenarioOutcome
        {
            Scenario = original.Id,
            Execution = "not started",
            Path = [],
            ExpectedRootCause = original.Expect?.RootCause.Id(),
        };
        if (answer.IsError)
        {
            return notStarted with { Failure = $"AlarmIngest failed: {answer.ErrorType}: {answer.ErrorMessage}" };
        }

        var ingested = JsonNode.Parse(answer.PayloadText)!;
        if ((string?)ingested["executionArn"] is not { } executionArn || (string?)ingested["incidentId"] is not { } incidentId)
        {
            return notStarted with { Failure = "AlarmIngest started no execution: " + Cut(answer.PayloadText) };
        }

        var execution = _stepFunctions!.GetExecution(executionArn);
        LocalExecutionDescription description;
        try
        {
            description = await execution.WaitAsync(cancellationToken).WaitAsync(FlowPatience, cancellationToken);
            Task[] approvals;
            lock (_approvals)
            {
                approvals = [.. _approvals];
            }

            await Task.WhenAll(approvals).WaitAsync(FlowPatience, cancellationToken);
        }
        catch (TimeoutException)
        {
            return notStarted with { Execution = "timed out", Path = StatePath(execution), Failure = $"the execution did not end within {FlowPatience.TotalMinutes} minutes" };
        }

        var record = await _store!.GetAsync(incidentId, cancellationToken);
        var diagnosis = await _store.FindEntryAsync(incidentId, "diagnosis", cancellationToken);
        return new ScenarioOutcome
        {
            IncidentId = incidentId,
            DiagnosisReads = (int?)diagnosis?.Data?["budget"]?["calls"],
            Scenario = original.Id,
            Execution = description.StatusText,
            Path = StatePath(execution),
            RootCause = record?.RootCause,
            ExpectedRootCause = original.Expect?.RootCause.Id(),
            IncidentStatus = record?.Status.ToString(),
            FlowSeconds = Stopwatch.GetElapsedTime(began).TotalSeconds,
            Failure = description.Status == LocalExecutionStatus.Succeeded ? null : $"{description.StatusText}: {execution.History.LastOrDefault(e => e.Error is not null)?.Error}",
        };
    }

    private static List<string> StatePath(LocalExecution execution) =>
        [.. execution.History.Where(e => e.Type == ExecutionHistoryEventType.StateEntered).Select(e => e.StateName!)];

    /// <summary>The unshifted scenario through the in-process replay (the functions' handlers in this process, scenario clock).</summary>
    private static async Task<ScenarioOutcome> WithInProcessReplayAsync(Scenario original, ScenarioOutcome outcome, CancellationToken cancellationToken)
    {
        await using var served = await LocalScenario.StartAsync(original, cancellationToken);
        await using var flow = await LocalIncidentFlow.StartAsync(served, new LocalFlowOptions { VerifyWaitSeconds = 1 }, cancellationToken);
        var replay = await flow.ReplayAsync(cancellationToken: cancellationToken);
        return outcome with
        {
            InProcessPath = [.. replay.History.Where(e => e.Type == ExecutionHistoryEventType.StateEntered).Select(e => e.StateName!)],
            InProcessRootCause = replay.Incident?.RootCause,
        };
    }

    // Runs while the Approval process handles the request step that published the event: the answer, a Function URL
    // invocation of that same process, is queued behind it on its own task.
    private void OnEvent(RecordedEvent recorded)
    {
        if (recorded.DetailType != IncidentEventTypes.ApprovalRequested)
        {
            return;
        }

        string scenario = _scenario;
        var approval = Function(FunctionSpec.Approval);
        var approver = LocalApprover.ForJsonInvoker(
            async (json, token) => (await approval.InvokeAsync(json, "decide (approval link)", scenario, cancellationToken: token)).PayloadText,
            "eksops sizing run");
        lock (_approvals)
        {
            _approvals.Add(Task.Run(() => approver.DecideAsync(recorded.Detail, ApprovalDecision.Approve, "approved by the sizing run"), CancellationToken.None));
        }
    }
}
