using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.Tools.Tests;

public sealed class ToolRegistryTests
{
    private readonly ManualTime _clock = new(Fixtures.Now);
    private readonly TestLambdaLogger _logger = new();
    private readonly TestMetrics _metrics = new();
    private readonly ScaleRunbook _runbook = new();

    private ToolRegistry Registry(ToolPolicyOptions? options = null, Func<ToolArguments, ToolContext, ValueTask<JsonObject>>? logs = null, bool validateOutput = true)
    {
        var policy = new ToolPolicy((options ?? new ToolPolicyOptions()) with { Approvals = Fixtures.Approvals(_clock) });
        return new ToolRegistryBuilder(Fixtures.Clusters(), policy)
            .Add(ToolCatalog.GetPodLogs, ToolCatalog.GetK8sResource, ToolCatalog.ExecuteRunbook, ToolCatalog.CreateIncident)
            .Bind("get_pod_logs", logs ?? ((args, context) => ValueTask.FromResult(new JsonObject
            {
                ["namespace"] = args.GetString("namespace"),
                ["pod"] = args.GetString("pod"),
                ["container"] = args.GetOptionalString("container") ?? "app",
                ["previous"] = args.GetBoolean("previous"),
                ["log"] = $"tail={args.GetInt32("tailLines")} cluster={context.Cluster.Name}",
            })))
            .Bind("get_k8s_resource", (args, context) => ValueTask.FromResult(new JsonObject
            {
                ["object"] = new JsonObject { ["kind"] = args.GetString("kind"), ["data"] = new JsonObject { ["password"] = "aHVudGVyMg==" } },
            }))
            .Bind("execute_runbook", _runbook)
            .Bind("create_incident", new IncidentRecorder())
            .ValidateOutput(validateOutput)
            .Build();
    }

    private ToolInvocationContext Context(string? cluster = null, string? token = null, int? maxOutputBytes = null) =>
        Fixtures.Invocation(_logger, _metrics, cluster, token, maxOutputBytes);

    private static JsonObject Args(string json) => JsonNode.Parse(json)!.AsObject();

    private const string ScaleArgs = """{"runbook": "scale-deployment", "target": {"kind": "Deployment", "namespace": "shop", "name": "checkout"}, "parameters": {"replicas": 4}, "dryRun": false}""";

    [Fact]
    public async Task A_read_tool_runs_with_validated_arguments_and_defaults()
    {
        var result = await Registry().InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("tail=200 cluster=prod-eks", result.Content["log"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_tool_is_a_typed_outcome_listing_the_tools()
    {
        var registry = Registry();

        var result = await registry.InvokeAsync("get_logs", null, Context());

        Assert.Equal(ToolOutcome.UnknownTool, result.Outcome);
        Assert.Equal("unknown_tool", result.ErrorCode);
        Assert.Contains("get_pod_logs", result.Content["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var e = Assert.Throws<UnknownToolException>(() => registry.GetDefinition("get_logs"));
        Assert.Equal("get_logs", e.ToolName);
    }

    [Fact]
    public async Task An_unknown_cluster_is_a_typed_outcome_listing_the_clusters()
    {
        var result = await Registry().InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context(cluster: "nope"));

        Assert.Equal(ToolOutcome.UnknownCluster, result.Outcome);
        Assert.Contains("prod-eks, stage-eks, dev-eks", result.Content["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_arguments_never_reach_the_body_and_come_back_by_path()
    {
        bool ran = false;
        var registry = Registry(logs: (_, _) =>
        {
            ran = true;
            return ValueTask.FromResult(new JsonObject());
        });

        var result = await registry.InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "tailLines": -1}"""), Context());

        Assert.False(ran);
        Assert.Equal(ToolOutcome.InvalidArguments, result.Outcome);
        Assert.Equal(["/pod", "/tailLines"], result.ArgumentErrors.Select(e => e.Path));
        Assert.Equal(["/pod", "/tailLines"], result.Content["error"]!["violations"]!.AsArray().Select(v => v!["path"]!.GetValue<string>()));
    }

    [Fact]
    public void A_definition_without_a_body_cannot_be_served()
    {
        var builder = new ToolRegistryBuilder(Fixtures.Clusters(), new ToolPolicy(new ToolPolicyOptions())).Add(ToolCatalog.All);
        builder.Bind("get_alarm", (_, _) => ValueTask.FromResult(new JsonObject()));

        var e = Assert.Throws<ToolBindingException>(builder.Build);

        Assert.Contains("no implementation is bound for list_k8s_resources, get_k8s_resource, get_pod_logs", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("get_alarm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_left_out_is_not_served()
    {
        var registry = new ToolRegistryBuilder(Fixtures.Clusters(), new ToolPolicy(new ToolPolicyOptions()))
            .Add(ToolCatalog.GetAlarm, ToolCatalog.GetPodLogs)
            .Bind("get_alarm", (_, _) => ValueTask.FromResult(new JsonObject()))
            .Without("get_pod_logs")
            .Build();

        Assert.Equal(["get_alarm"], registry.Definitions.Select(d => d.Name));
    }

    [Fact]
    public void Bodies_must_match_the_kind_of_tool_and_name_a_known_one()
    {
        var builder = new ToolRegistryBuilder(Fixtures.Clusters(), new ToolPolicy(new ToolPolicyOptions())).Add(ToolCatalog.All);

        Assert.Throws<ToolBindingException>(() => builder.Bind("execute_runbook", (_, _) => ValueTask.FromResult(new JsonObject())));
        Assert.Throws<ToolBindingException>(() => builder.Bind("get_alarm", new ScaleRunbook()));
        Assert.Throws<ToolBindingException>(() => builder.Bind("get_logs", (_, _) => ValueTask.FromResult(new JsonObject())));
    }

    [Fact]
    public async Task A_sensitive_read_is_refused_where_the_deployment_disables_them_and_the_decision_is_logged()
    {
        var result = await Registry(new ToolPolicyOptions { SensitiveReadsEnabled = false }).InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());

        Assert.Equal(ToolOutcome.PolicyDenied, result.Outcome);
        Assert.Equal("sensitive-reads-disabled", result.Decision!.Rule);
        var line = Assert.Single(_logger.Entries, e => e.Message.StartsWith("policy deny get_pod_logs", StringComparison.Ordinal));
        Assert.Equal(LambdaLogLevel.Warning, line.Level);
        Assert.Equal("shop", line.Properties!["namespace"]);
        Assert.Equal("production", line.Properties["environment"]);
    }

    [Fact]
    public async Task Reading_a_secret_through_a_plain_read_tool_is_a_sensitive_read()
    {
        var registry = Registry(new ToolPolicyOptions { SensitiveReadsEnabled = false });

        var secret = await registry.InvokeAsync("get_k8s_resource", Args("""{"kind": "Secret", "namespace": "shop", "name": "db"}"""), Context());
        var configMap = await registry.InvokeAsync("get_k8s_resource", Args("""{"kind": "ConfigMap", "namespace": "shop", "name": "db"}"""), Context());

        Assert.Equal(ToolOutcome.PolicyDenied, secret.Outcome);
        Assert.Equal(ToolOutcome.Success, configMap.Outcome);
    }

    [Fact]
    public async Task A_denied_namespace_is_refused_before_the_body_runs()
    {
        var registry = Registry(new ToolPolicyOptions { DeniedNamespaces = ["kube-system"] });

        var result = await registry.InvokeAsync("get_pod_logs", Args("""{"namespace": "kube-system", "pod": "coredns-1"}"""), Context());

        Assert.Equal(ToolOutcome.PolicyDenied, result.Outcome);
        Assert.Equal("namespace-denied", result.Content["error"]!["policy"]!["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_result_is_redacted()
    {
        var result = await Registry(logs: (_, _) => ValueTask.FromResult(new JsonObject
        {
            ["namespace"] = "shop", ["pod"] = "p", ["container"] = "app", ["previous"] = false,
            ["log"] = "connecting postgres://app:hunter2@db:5432/shop with AKIAIOSFODNN7EXAMPLE",
        })).InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());

        Assert.Equal(2, result.Redactions);
        Assert.DoesNotContain("hunter2", result.ToJsonText(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", result.ToJsonText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_face_cap_smaller_than_the_tools_cuts_the_result_explicitly()
    {
        var result = await Registry(logs: (_, _) => ValueTask.FromResult(new JsonObject
        {
            ["namespace"] = "shop", ["pod"] = "p", ["container"] = "app", ["previous"] = false,
            ["log"] = string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"line {i}")),
        })).InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context(maxOutputBytes: 2048));

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.NotNull(result.Truncation);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.ToJsonText()) <= 2048);
        Assert.EndsWith("line 1999", result.Content["log"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(result.Content["_truncated"]);
    }

    [Fact]
    public async Task A_tool_exception_reaches_the_model_redacted_and_an_unexpected_one_does_not()
    {
        var expected = await Registry(logs: (_, _) => throw new ToolException("not_found", "pod p not found (token=abcdef123456)"))
            .InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());
        var unexpected = await Registry(logs: (_, _) => throw new InvalidOperationException("password=hunter2 leaked"))
            .InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());

        Assert.Equal(("not_found", ToolOutcome.Failed), (expected.ErrorCode, expected.Outcome));
        Assert.Equal("get_pod_logs: pod p not found (token=[REDACTED:token])", expected.Content["error"]!["message"]!.GetValue<string>());
        Assert.Equal("internal_error", unexpected.ErrorCode);
        Assert.DoesNotContain("hunter2", unexpected.ToJsonText(), StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, e => e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Output_that_breaks_its_schema_is_caught_when_validation_is_on()
    {
        var result = await Registry(logs: (_, _) => ValueTask.FromResult(new JsonObject { ["log"] = 5 }))
            .InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());

        Assert.Equal("invalid_output", result.ErrorCode);
    }

    [Fact]
    public async Task Metrics_count_invocations_errors_and_latency_per_tool()
    {
        var registry = Registry();

        await registry.InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p"}"""), Context());

        var document = Assert.Single(_metrics.Pushed);
        Assert.Equal([new KeyValuePair<string, string>("Tool", "get_pod_logs")], document.Dimensions);
        Assert.Equal(["ToolInvocations", "ToolErrors", "ToolLatency"], document.Metrics.Select(m => m.Name));
        Assert.Empty(_metrics.Dimensions);
        Assert.Equal([1.0], _metrics.ValuesOf("ToolInvocations"));
        Assert.Equal([0.0], _metrics.ValuesOf("ToolErrors"));
        var latency = Assert.Single(_metrics.Metrics, m => m.Name == "ToolLatency");
        Assert.Equal(MetricUnit.Milliseconds, latency.Unit);
        Assert.True(latency.Value >= 0);
    }

    [Fact]
    public async Task A_failed_call_counts_as_an_error_and_unknown_names_share_one_dimension_value()
    {
        await Registry().InvokeAsync("drop_database", null, Context());

        Assert.Equal([1.0], _metrics.ValuesOf("ToolErrors"));
        Assert.Equal("(unknown)", Assert.Single(Assert.Single(_metrics.Pushed).Dimensions).Value);
    }

    [Fact]
    public async Task A_dry_run_plans_reports_the_exact_change_and_changes_nothing()
    {
        var result = await Registry().InvokeAsync("execute_runbook", Args("""{"runbook": "scale-deployment", "target": {"kind": "Deployment", "namespace": "shop", "name": "checkout"}, "parameters": {"replicas": 4}}"""), Context());

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("dry-run", result.Content["status"]!.GetValue<string>());
        Assert.True(result.Content["dryRun"]!.GetValue<bool>());
        Assert.Equal(Fixtures.ScaleChange(Fixtures.Production).PatchHash, result.Content["change"]!["patchHash"]!.GetValue<string>());
        Assert.Equal("needs-approval", result.Content["policy"]!["verdict"]!.GetValue<string>());
        Assert.Equal(0, _runbook.Applied);
    }

    [Fact]
    public async Task A_production_write_without_approval_changes_nothing_and_says_why()
    {
        var result = await Registry().InvokeAsync("execute_runbook", Args(ScaleArgs), Context());

        Assert.Equal(ToolOutcome.ApprovalRequired, result.Outcome);
        Assert.Equal("approval-required", result.Content["status"]!.GetValue<string>());
        Assert.Contains("production is read-only", result.Content["policy"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _runbook.Applied);
        Assert.Contains(_logger.Entries, e => e.Message.StartsWith("policy needs-approval execute_runbook", StringComparison.Ordinal) && e.Properties!["patchHash"].StartsWith("sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_production_write_with_an_approval_for_this_exact_change_is_applied()
    {
        string token = Fixtures.Approvals(_clock).Issue(Fixtures.ScaleChange(Fixtures.Production), "oncall@example.com", TimeSpan.FromMinutes(10));

        var result = await Registry().InvokeAsync("execute_runbook", Args(ScaleArgs), Context(token: token));

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("applied", result.Content["status"]!.GetValue<string>());
        Assert.Equal(4, result.Content["result"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, _runbook.Applied);
    }

    [Fact]
    public async Task An_approval_for_another_change_is_refused_and_nothing_changes()
    {
        string token = Fixtures.Approvals(_clock).Issue(Fixtures.ScaleChange(Fixtures.Production, replicas: 40), "oncall@example.com", TimeSpan.FromMinutes(10));

        var result = await Registry().InvokeAsync("execute_runbook", Args(ScaleArgs), Context(token: token));

        Assert.Equal(ToolOutcome.PolicyDenied, result.Outcome);
        Assert.Equal("denied", result.Content["status"]!.GetValue<string>());
        Assert.Equal(0, _runbook.Applied);
    }

    [Fact]
    public async Task A_development_write_runs_without_approval()
    {
        var result = await Registry().InvokeAsync("execute_runbook", Args(ScaleArgs), Context(cluster: "dev-eks"));

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal(1, _runbook.Applied);
    }

    [Fact]
    public async Task Recording_an_incident_is_allowed_in_production_without_approval()
    {
        var result = await Registry().InvokeAsync("create_incident", Args("""{"title": "checkout OOMKilled", "severity": "high", "summary": "memory limit too low", "findings": ["exit 137"]}"""), Context());

        Assert.Equal(ToolOutcome.Success, result.Outcome);
        Assert.Equal("no-cluster-change", result.Content["policy"]!["rule"]!.GetValue<string>());
        Assert.Equal("inc-1", result.Content["result"]!["incidentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Coerced_bedrock_parameters_give_the_same_result_as_json_arguments()
    {
        var registry = Registry();
        var fromJson = await registry.InvokeAsync("get_pod_logs", Args("""{"namespace": "shop", "pod": "p", "previous": true, "tailLines": 50}"""), Context());
        var coerced = BedrockArgumentCoercer.Coerce(ToolCatalog.GetPodLogs, [new("namespace", "shop"), new("pod", "p"), new("previous", "true"), new("options", "{tailLines=50}")]);
        var fromBedrock = await registry.InvokeAsync("get_pod_logs", coerced, Context());

        Assert.Equal(fromJson.ToJsonText(), fromBedrock.ToJsonText());
    }

    /// <summary>scale-deployment: plans a replicas patch, counts applications.</summary>
    private sealed class ScaleRunbook : IWriteToolHandler
    {
        public int Applied { get; private set; }

        public ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context)
        {
            var target = arguments.GetObject("target")!;
            int replicas = int.Parse(arguments.GetObject("parameters")!["replicas"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            var change = Fixtures.ScaleChange(context.Cluster, replicas, target["namespace"]!.GetValue<string>(), target["name"]!.GetValue<string>());
            return ValueTask.FromResult(new ToolChangePlan(change, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }));
        }

        public ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context)
        {
            Applied++;
            return ValueTask.FromResult(new JsonObject { ["replicas"] = plan.Preview["spec"]!["replicas"]!.GetValue<int>() });
        }
    }

    private sealed class IncidentRecorder : IWriteToolHandler
    {
        public ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context) => ValueTask.FromResult(new ToolChangePlan(
            new ProposedChange
            {
                Cluster = context.Cluster.Name,
                Target = "Incident/" + arguments.GetString("title"),
                Effect = RunbookEffect.NoAction,
                Patch = arguments.ToJsonObject(),
                Summary = "record incident " + arguments.GetString("title"),
            },
            new JsonObject()));

        public ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context) =>
            ValueTask.FromResult(new JsonObject { ["incidentId"] = "inc-1", ["eventId"] = "evt-1" });
    }
}
