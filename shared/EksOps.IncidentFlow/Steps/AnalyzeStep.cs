using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Diagnosis;
using EksOps.Diagnosis.Agent;
using EksOps.IncidentFlow.Internal;
using EksOps.Incidents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>analyze</c> (Investigate): the analyst's decision on the stored diagnosis — deterministic, or the Bedrock agent as
/// <see cref="BedrockAnalyst"/> routes it — written as the <c>analysis</c> entry (root cause, confidence, subject,
/// runbook, target with its container, decided by, reason, model calls and tokens), plus one <c>model:&lt;session&gt;</c>
/// entry per agent run; sets the record's root cause, runbook and subject.
/// </summary>
/// <remarks>
/// <para>The diagnosis is read back from the <c>diagnosis</c> entry (every finding, hypothesis and evidence record is
/// stored there), so the decision rests on exactly the evidence <c>diagnose</c> read. Only when the store had to cut
/// that entry to its size bound is the diagnosis made again from the stored alarm event.</para>
/// <para>When the model is unavailable: in <c>always</c> mode (the deployment requires the model) the step fails —
/// throttling that outlasted the client's retries as <see cref="AwsThrottlingException"/>, which the state machine
/// retries with backoff and escalates when its retries run out, anything else as <see cref="ModelUnavailableException"/>
/// (escalated). In <c>auto</c> mode the deterministic decision stands and the fallback and its reason are recorded. An
/// answer the model gave that fails validation is a fallback in both modes (the model was reachable; its answer was not
/// usable).</para>
/// <para>Returns <c>rootCause</c>, <c>confidence</c>, <c>runbook</c>, <c>decidedBy</c>, <c>subject</c>, and
/// <c>fallbackReason</c> when the model's answer was not used.</para>
/// </remarks>
public sealed class AnalyzeStep : IIncidentStep
{
    // BedrockAnalyst reports why the model's answer was not used as text; these prefixes are the call failures it
    // writes (Agent/BedrockAnalyst.RunAsync), as opposed to answers that failed parsing or validation.
    private const string ThrottledPrefix = "Bedrock throttled the agent";
    private const string StoppedPrefix = "the agent run stopped at its";

    private readonly ToolRegistry _registry;
    private readonly IIncidentStore _store;
    private readonly TimeProvider _time;
    private readonly BedrockAnalyst? _analyst;
    private readonly AnalystMode _mode;
    private readonly DiagnosisBudget? _budget;

    /// <summary>Creates the step.</summary>
    /// <param name="registry">The tool registry (the agent's RETURN_CONTROL calls, and a repeated diagnosis).</param>
    /// <param name="store">The incident store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="analyst">The Bedrock path; <see langword="null"/> when no agent is configured (deterministic only).</param>
    /// <param name="mode">The analyst mode the deployment runs with (<c>EKSOPS_ANALYST_MODE</c>); <see cref="AnalystMode.Always"/> makes the model required.</param>
    /// <param name="budget">The evidence budget of a repeated diagnosis.</param>
    public AnalyzeStep(ToolRegistry registry, IIncidentStore store, TimeProvider time, BedrockAnalyst? analyst, AnalystMode mode, DiagnosisBudget? budget = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _analyst = analyst;
        _mode = mode;
        _budget = budget;
    }

    /// <inheritdoc/>
    public string Name => StepNames.Analyze;

    /// <inheritdoc/>
    /// <exception cref="StepPreconditionException">There is no diagnosis to analyze.</exception>
    /// <exception cref="AwsThrottlingException">The model is required and Bedrock throttled it past the client's retries.</exception>
    /// <exception cref="ModelUnavailableException">The model is required and could not be reached.</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(_store, request.IncidentId, _time, context.CancellationToken);
        await timeline.RecordAsync().ConfigureAwait(false);
        if (await timeline.DataAsync(TimelineKeys.Analysis).ConfigureAwait(false) is { } done)
        {
            return Result(done);
        }

        var stored = await timeline.DataAsync(TimelineKeys.Diagnosis).ConfigureAwait(false)
            ?? throw new StepPreconditionException($"incident {request.IncidentId} has no diagnosis to analyze (the diagnose step did not complete)");
        var alarmEvent = Node.Obj(stored, DiagnosisJson.AlarmEventMember)
            ?? throw new StepPreconditionException($"the diagnosis of incident {request.IncidentId} does not hold the alarm event");
        var diagnosisRequest = new DiagnosisRequest
        {
            Alarm = DiagnoseStep.ParseAlarm(alarmEvent),
            ClusterName = Node.Str(stored, "cluster") is { Length: > 0 } cluster ? cluster : null,
            Now = timeline.Now,
            Caller = new ToolCaller("eksops-incident-flow/" + Name, ToolFace.Internal, request.IncidentId),
            Logger = context.Logger,
            Metrics = context.Metrics,
            CancellationToken = context.CancellationToken,
        };
        bool rediagnosed = false;
        var deterministic = DiagnosisJson.TryRead(stored);
        if (deterministic is null)
        {
            context.Logger.LogWarning($"the stored diagnosis of incident {request.IncidentId} was cut to the store's size bound; diagnosing again from the stored alarm");
            deterministic = await new Diagnoser(_registry, _budget).DiagnoseAsync(diagnosisRequest).ConfigureAwait(false);
            rediagnosed = true;
        }

        var (decision, model) = await DecideAsync(timeline, deterministic, diagnosisRequest, context).ConfigureAwait(false);
        var data = AnalysisData(decision, model, rediagnosed);
        await timeline.AppendAsync(TimelineKeys.Analysis, TimelineKind.Decision, Summary(decision), data).ConfigureAwait(false);
        await timeline.UpdateAsync(new IncidentUpdate
        {
            RootCause = decision.RootCause.Id(),
            Runbook = decision.Proposal.Runbook.Id(),
            Subject = DiagnosisJson.RecordSubject(decision.Subject),
            At = timeline.Now,
        }).ConfigureAwait(false);
        return Result(await timeline.DataAsync(TimelineKeys.Analysis).ConfigureAwait(false) ?? data);
    }

    private async Task<(DiagnosisResult Decision, AnalystResult? Model)> DecideAsync(IncidentTimeline timeline, DiagnosisResult deterministic, DiagnosisRequest request, ILambdaContext context)
    {
        if (_mode == AnalystMode.Deterministic)
        {
            return (deterministic with { DecisionReason = $"{deterministic.DecisionReason}; model not asked: {BedrockAnalystOptions.ModeVariable} is deterministic" }, null);
        }

        if (_analyst is null)
        {
            return _mode == AnalystMode.Always
                ? throw new ModelUnavailableException($"{BedrockAnalystOptions.ModeVariable}=always requires the Bedrock agent, but no agent client is configured")
                : (deterministic with { DecisionReason = $"{deterministic.DecisionReason}; model not asked: no Bedrock agent is configured" }, null);
        }

        var outcome = await _analyst.DecideAsync(deterministic, request).ConfigureAwait(false);
        if (outcome.ModelCalled)
        {
            await timeline.AppendAsync(
                TimelineKeys.ModelCall(outcome.SessionId ?? "session"),
                TimelineKind.ModelCall,
                ModelSummary(outcome),
                ModelData(outcome)).ConfigureAwait(false);
        }

        if (outcome.FallbackReason is { } reason && _mode == AnalystMode.Always && Unavailable(outcome))
        {
            context.Logger.LogWarning($"analysis of incident {timeline.IncidentId}: the model is required and unavailable: {reason}");
            if (reason.StartsWith(ThrottledPrefix, StringComparison.Ordinal))
            {
                throw new AwsThrottlingException("bedrock-agent-runtime", "InvokeAgent", HttpStatusCode.TooManyRequests, "ThrottlingException", reason, requestId: null);
            }

            throw new ModelUnavailableException($"{BedrockAnalystOptions.ModeVariable}=always requires the Bedrock agent's decision, and it failed: {reason}");
        }

        return (outcome.Diagnosis, outcome);
    }

    /// <summary>Whether the agent call itself failed (no usable run), as opposed to an answer that was rejected.</summary>
    private static bool Unavailable(AnalystResult outcome) =>
        outcome.FinalText is null
        || outcome.FallbackReason!.StartsWith(ThrottledPrefix, StringComparison.Ordinal)
        || outcome.FallbackReason.StartsWith(StoppedPrefix, StringComparison.Ordinal);

    private static JsonObject AnalysisData(DiagnosisResult decision, AnalystResult? model, bool rediagnosed)
    {
        var target = decision.Proposal.Target is { } reference ? Node.Ref(reference) : null;
        if (target is not null && Container(decision) is { } container)
        {
            target["container"] = container;
        }

        var data = new JsonObject
        {
            ["rootCause"] = decision.RootCause.Id(),
            ["confidence"] = Math.Round(decision.Confidence, 4, MidpointRounding.AwayFromZero),
            ["subject"] = Node.Ref(decision.Subject),
            ["cluster"] = decision.ClusterName,
            ["environment"] = decision.Environment.Id(),
            ["runbook"] = decision.Proposal.Runbook.Id(),
            ["target"] = target,
            ["approvalRequired"] = decision.Proposal.ApprovalRequired,
            ["rationale"] = decision.Proposal.Rationale,
            ["decidedBy"] = DiagnosisJson.DecidedBy(decision.DecidedBy),
            ["reason"] = decision.DecisionReason,
            ["summary"] = decision.Summary,
            ["supportingFindings"] = Node.Strings(Supporting(decision)),
            ["modelCalled"] = model?.ModelCalled ?? false,
            ["rediagnosed"] = rediagnosed,
        };
        if (model is not null)
        {
            data["routing"] = model.Routing;
            if (model.FallbackReason is { } fallback)
            {
                data["fallback"] = true;
                data["fallbackReason"] = fallback;
            }

            if (model.ModelCalled)
            {
                data["model"] = new JsonObject
                {
                    ["sessionId"] = model.SessionId,
                    ["invocations"] = model.Invocations,
                    ["rounds"] = model.Rounds,
                    ["toolCalls"] = model.ToolCalls.Count,
                    ["inputTokens"] = model.Usage.InputTokens,
                    ["outputTokens"] = model.Usage.OutputTokens,
                    ["latencyMs"] = Math.Round(model.Latency.TotalMilliseconds),
                };
            }
        }

        return data;
    }

    /// <summary>The findings the decided hypothesis rests on (empty for a model decision on another cause, or unknown).</summary>
    private static IEnumerable<string> Supporting(DiagnosisResult decision) =>
        decision.Hypotheses
            .Where(h => h.RootCause == decision.RootCause && h.Subject == decision.Subject)
            .Take(1)
            .SelectMany(h => h.FindingIds);

    /// <summary>
    /// The one container the supporting findings name (an OOM-killed container, say), so a limit runbook on a
    /// multi-container workload knows which; <see langword="null"/> when they name none or several.
    /// </summary>
    private static string? Container(DiagnosisResult decision)
    {
        var supporting = Supporting(decision).ToHashSet(StringComparer.Ordinal);
        var containers = decision.Findings
            .Where(f => supporting.Contains(f.Id))
            .Select(f => f.Details.GetValueOrDefault("container"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return containers.Count == 1 ? containers[0] : null;
    }

    private static string Summary(DiagnosisResult decision) => string.Create(
        CultureInfo.InvariantCulture,
        $"{DiagnosisJson.DecidedBy(decision.DecidedBy)} analysis: {decision.RootCause.Id()} (confidence {decision.Confidence:0.00}) on {decision.Subject}; proposal {decision.Proposal.Runbook.Id()}");

    private static string ModelSummary(AnalystResult outcome)
    {
        string used = outcome.FallbackReason is null ? "answer used" : "answer not used: " + outcome.FallbackReason;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Bedrock agent run: {outcome.Invocations} InvokeAgent call(s), {outcome.Rounds} tool round(s), {outcome.Usage.InputTokens} input and {outcome.Usage.OutputTokens} output tokens; {used}");
    }

    private static JsonObject ModelData(AnalystResult outcome)
    {
        var calls = new JsonArray();
        foreach (var call in outcome.ToolCalls.Take(50))
        {
            calls.Add((JsonNode)Node.WithoutNulls(new JsonObject
            {
                ["round"] = call.Round,
                ["tool"] = call.Tool,
                ["arguments"] = call.Arguments,
                ["outcome"] = call.Outcome,
                ["detail"] = call.Detail,
            }));
        }

        return Node.WithoutNulls(new JsonObject
        {
            ["sessionId"] = outcome.SessionId,
            ["routing"] = outcome.Routing,
            ["invocations"] = outcome.Invocations,
            ["rounds"] = outcome.Rounds,
            ["inputTokens"] = outcome.Usage.InputTokens,
            ["outputTokens"] = outcome.Usage.OutputTokens,
            ["latencyMs"] = Math.Round(outcome.Latency.TotalMilliseconds),
            ["inputBytes"] = outcome.InputBytes,
            ["inputTruncated"] = outcome.InputTruncated,
            ["used"] = outcome.FallbackReason is null,
            ["fallbackReason"] = outcome.FallbackReason,
            ["toolCalls"] = calls,
        });
    }

    private static JsonObject Result(JsonObject analysis) => Node.WithoutNulls(new JsonObject
    {
        ["rootCause"] = Node.Str(analysis, "rootCause"),
        ["confidence"] = Node.Num(analysis, "confidence"),
        ["runbook"] = Node.Str(analysis, "runbook"),
        ["decidedBy"] = Node.Str(analysis, "decidedBy"),
        ["subject"] = Node.ToRef(analysis["subject"])?.ToString(),
        ["fallbackReason"] = Node.Str(analysis, "fallbackReason"),
    });
}
