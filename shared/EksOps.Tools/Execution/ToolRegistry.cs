using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Lambda;
using EksOps.Tools.Internal;
using Json.Schema;

namespace EksOps.Tools;

/// <summary>
/// The one registry every face serves. <see cref="InvokeAsync"/> runs a call the same way whatever the face: find
/// the tool, resolve the cluster, validate the arguments (JsonSchema.Net), ask the policy, run the body (a write:
/// plan, policy on the exact change, apply), redact, cap, log every decision and record metrics. It never throws for
/// a call's failure: the <see cref="ToolResult"/> says what happened.
/// </summary>
public sealed class ToolRegistry
{
    private static readonly EvaluationOptions OutputValidation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly Dictionary<string, ToolBinding> _bindings;
    private readonly bool _validateOutput;
    private readonly TimeProvider _time;

    internal ToolRegistry(IReadOnlyList<ToolBinding> bindings, ClusterRegistry clusters, ToolPolicy policy, bool validateOutput, TimeProvider time)
    {
        _bindings = bindings.ToDictionary(b => b.Definition.Name, StringComparer.Ordinal);
        Definitions = [.. bindings.Select(b => b.Definition)];
        Clusters = clusters;
        Policy = policy;
        _validateOutput = validateOutput;
        _time = time;
    }

    /// <summary>Every tool served, in the order added (what <c>tools/list</c> and the generated schemas show).</summary>
    public IReadOnlyList<ToolDefinition> Definitions { get; }

    /// <summary>The clusters the tools reach.</summary>
    public ClusterRegistry Clusters { get; }

    /// <summary>The policy every call goes through.</summary>
    public ToolPolicy Policy { get; }

    /// <summary>Finds a served tool.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="definition">The definition, when found.</param>
    /// <returns>Whether the tool is served.</returns>
    public bool TryGetDefinition(string name, [NotNullWhen(true)] out ToolDefinition? definition)
    {
        definition = _bindings.TryGetValue(name ?? string.Empty, out var binding) ? binding.Definition : null;
        return definition is not null;
    }

    /// <summary>A served tool's definition.</summary>
    /// <param name="name">The tool name.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="UnknownToolException">No served tool has that name.</exception>
    public ToolDefinition GetDefinition(string name) =>
        TryGetDefinition(name, out var definition) ? definition : throw new UnknownToolException(name, Definitions.Select(d => d.Name));

    /// <summary>Runs one call.</summary>
    /// <param name="toolName">The tool name as the face received it (after stripping a Gateway prefix or an OpenAPI path).</param>
    /// <param name="arguments">The arguments (for Bedrock, after <see cref="BedrockArgumentCoercer"/>); <see langword="null"/> means none.</param>
    /// <param name="context">What the face knows about the call.</param>
    /// <returns>The result; never throws for the call's own failure.</returns>
    public async Task<ToolResult> InvokeAsync(string toolName, JsonObject? arguments, ToolInvocationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = _time.GetTimestamp();
        var call = new Call(toolName ?? string.Empty, context);
        ToolResult result;
        try
        {
            result = await RunAsync(call, arguments).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Logger.LogWarning($"tool {call.Name} was cancelled", e);
            result = call.Error(ToolOutcome.Failed, "cancelled", $"{call.Name} was cancelled before it finished (the invocation's deadline); try a narrower request");
        }
        catch (ToolException e)
        {
            context.Logger.LogWarning($"tool {call.Name} failed: {e.Code}", e);
            result = call.Error(ToolOutcome.Failed, e.Code, $"{call.Name}: {e.Message}");
        }
        catch (Exception e)
        {
            context.Logger.LogError($"tool {call.Name} failed unexpectedly", e);
            result = call.Error(ToolOutcome.Failed, "internal_error", $"{call.Name} failed unexpectedly ({e.GetType().Name}); the error was logged");
        }

        result = call.Finish(result);
        Record(call, result, _time.GetElapsedTime(started));
        return result;
    }

    private async Task<ToolResult> RunAsync(Call call, JsonObject? arguments)
    {
        if (!_bindings.TryGetValue(call.Name, out var binding))
        {
            return call.Error(ToolOutcome.UnknownTool, "unknown_tool", $"no tool is named \"{call.Name}\"; the tools are {string.Join(", ", Definitions.Select(d => d.Name))}");
        }

        var definition = binding.Definition;
        call.Definition = definition;
        if (!Clusters.TryResolve(call.Context.ClusterName, out var cluster))
        {
            string known = string.Join(", ", Clusters.Clusters.Select(c => c.Name));
            return call.Error(ToolOutcome.UnknownCluster, "unknown_cluster", call.Context.ClusterName is null
                ? $"no cluster was named and there is no default; name one of {known}"
                : $"no cluster is named \"{call.Context.ClusterName}\"; the clusters are {known}");
        }

        call.Cluster = cluster;
        var errors = ToolArgumentValidator.Validate(definition, arguments);
        if (errors.Count > 0)
        {
            var error = ErrorObject("invalid_arguments", $"{definition.Name}: {errors.Count} invalid argument{(errors.Count == 1 ? string.Empty : "s")}; fix {(errors.Count == 1 ? "it" : "them")} and call again");
            var violations = new JsonArray();
            foreach (var e in errors)
            {
                violations.Add((JsonNode)new JsonObject { ["path"] = e.Path, ["message"] = e.Message });
            }

            error["violations"] = violations;
            return call.Result(ToolOutcome.InvalidArguments, new JsonObject { ["error"] = error }, errors: errors);
        }

        var args = ToolArguments.FromValidated(definition, arguments);
        var scope = definition.ResolveScope(args);
        var decision = Policy.EvaluateCall(cluster, definition.Name, scope);
        Log(call, decision, scope.Namespace);
        if (!decision.IsAllowed)
        {
            var error = ErrorObject("policy_denied", decision.Reason);
            error["policy"] = decision.ToJson();
            return call.Result(ToolOutcome.PolicyDenied, new JsonObject { ["error"] = error }, decision);
        }

        var toolContext = new ToolContext(definition, cluster, scope, call.Context);
        if (binding.Read is { } read)
        {
            var output = await read.InvokeAsync(args, toolContext).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{definition.Name} returned no result");
            return CheckOutput(call, definition, output) ?? call.Result(ToolOutcome.Success, output, decision);
        }

        return await RunWriteAsync(call, binding.Write!, definition, args, toolContext, cluster).ConfigureAwait(false);
    }

    private async Task<ToolResult> RunWriteAsync(Call call, IWriteToolHandler handler, ToolDefinition definition, ToolArguments args, ToolContext toolContext, ClusterInfo cluster)
    {
        var plan = await handler.PlanAsync(args, toolContext).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{definition.Name} planned nothing");
        bool dryRun = definition.DryRunParameter is not null && args.GetBoolean(definition.DryRunParameter);
        var decision = Policy.EvaluateChange(cluster, plan.Change, call.Context.ApprovalToken);
        Log(call, decision, plan.Change.Namespace, plan.Change);
        var envelope = new JsonObject
        {
            ["status"] = "dry-run",
            ["dryRun"] = dryRun,
            ["change"] = plan.Change.ToJson(),
            ["policy"] = decision.ToJson(),
            ["preview"] = plan.Preview,
        };
        if (dryRun)
        {
            return CheckOutput(call, definition, envelope) ?? call.Result(ToolOutcome.Success, envelope, decision);
        }

        switch (decision.Verdict)
        {
            case PolicyVerdict.Allow:
                var applied = await handler.ApplyAsync(args, plan, toolContext).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"{definition.Name} applied but returned no result");
                envelope["status"] = "applied";
                envelope["result"] = applied;
                return CheckOutput(call, definition, envelope) ?? call.Result(ToolOutcome.Success, envelope, decision);
            case PolicyVerdict.NeedsApproval:
                envelope["status"] = "approval-required";
                return call.Result(ToolOutcome.ApprovalRequired, envelope, decision);
            default:
                envelope["status"] = "denied";
                return call.Result(ToolOutcome.PolicyDenied, envelope, decision);
        }
    }

    private ToolResult? CheckOutput(Call call, ToolDefinition definition, JsonObject output)
    {
        if (!_validateOutput)
        {
            return null;
        }

        var results = definition.CompiledOutputSchema.Evaluate(ToolJson.ToElement(output), OutputValidation);
        if (results.IsValid)
        {
            return null;
        }

        var problems = (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } p ? p : "(root)")}: {e.Value}"))
            .Distinct(StringComparer.Ordinal)
            .Take(20);
        return call.Error(ToolOutcome.Failed, "invalid_output", $"{definition.Name} returned output that does not match its output schema: {string.Join("; ", problems)}");
    }

    private static JsonObject ErrorObject(string code, string message) => new() { ["code"] = code, ["message"] = message };

    private static void Log(Call call, PolicyDecision decision, string? namespaceName, ProposedChange? change = null)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tool"] = call.Name,
            ["cluster"] = call.Cluster?.Name ?? string.Empty,
            ["environment"] = call.Cluster?.Environment.Id() ?? string.Empty,
            ["namespace"] = namespaceName ?? string.Empty,
            ["verdict"] = decision.VerdictId,
            ["rule"] = decision.Rule,
            ["face"] = call.Context.Caller.Face.ToString(),
            ["caller"] = call.Context.Caller.Identity,
        };
        if (change is not null)
        {
            properties["target"] = change.Target;
            properties["patchHash"] = change.PatchHash;
        }

        call.Context.Logger.Log(
            decision.IsAllowed ? LambdaLogLevel.Information : LambdaLogLevel.Warning,
            $"policy {decision.VerdictId} {call.Name}: {decision.Reason}",
            properties: properties);
    }

    private static void Record(Call call, ToolResult result, TimeSpan elapsed)
    {
        var context = call.Context;
        try
        {
            // A document per call: one invocation may run several tools (RETURN_CONTROL rounds, diagnosis), and each
            // call's values belong under its own Tool dimension, not the invocation's.
            context.Metrics.PushMetrics(
                [new(ToolMetricNames.ToolDimension, call.MetricName)],
                [
                    new MetricValue(ToolMetricNames.Invocations, 1, MetricUnit.Count),
                    new MetricValue(ToolMetricNames.Errors, result.IsError ? 1 : 0, MetricUnit.Count),
                    new MetricValue(ToolMetricNames.Latency, Math.Max(0, elapsed.TotalMilliseconds), MetricUnit.Milliseconds),
                ]);
        }
        catch (ArgumentException e)
        {
            context.Logger.LogWarning("tool metrics could not be recorded", e);
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"tool {call.Name} {result.Outcome} in {elapsed.TotalMilliseconds:0} ms");
        if (result.Truncation is { } truncation)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; output cut from {truncation.OriginalBytes} to {truncation.ReturnedBytes} bytes");
        }

        if (result.Redactions > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; {result.Redactions} secret(s) redacted");
        }

        context.Logger.Log(result.IsError ? LambdaLogLevel.Warning : LambdaLogLevel.Information, line);
    }

    /// <summary>One call in progress.</summary>
    private sealed class Call(string name, ToolInvocationContext context)
    {
        public string Name { get; } = name;

        public ToolInvocationContext Context { get; } = context;

        public ClusterInfo? Cluster { get; set; }

        public ToolDefinition? Definition { get; set; }

        /// <summary>Unknown names are recorded under one value, so a caller cannot create unbounded metric dimensions.</summary>
        public string MetricName => Definition?.Name ?? "(unknown)";

        public ToolResult Error(ToolOutcome outcome, string code, string message) =>
            Result(outcome, new JsonObject { ["error"] = ErrorObject(code, message) });

        public ToolResult Result(ToolOutcome outcome, JsonObject content, PolicyDecision? decision = null, IReadOnlyList<ToolArgumentError>? errors = null) =>
            new(Name, outcome, content, errors ?? [], decision, null, 0);

        /// <summary>Redacts and caps the content (every outcome: error messages can carry secrets too).</summary>
        public ToolResult Finish(ToolResult result)
        {
            int redactions = SecretRedactor.RedactInPlace(result.Content);
            int cap = Math.Max(1024, Math.Min(Definition?.MaxOutputBytes ?? ToolDefinition.DefaultMaxOutputBytes, Context.MaxOutputBytes ?? int.MaxValue));
            var truncation = ToolOutputLimiter.Limit(result.Content, cap, Definition?.Truncation ?? TruncationMode.KeepStart);
            return new ToolResult(result.ToolName, result.Outcome, result.Content, result.ArgumentErrors, result.Decision, truncation, redactions);
        }
    }
}
