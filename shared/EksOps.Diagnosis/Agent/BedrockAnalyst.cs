using System.Globalization;
using System.Text;
using EksOps.Aws;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Incidents;
using EksOps.Lambda;
using EksOps.Tools;
using EksOps.Tools.Faces;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// The Bedrock path of a diagnosis: decides whether the agent is asked (the deployment's mode and the deterministic
/// confidence), invokes it with the redacted, size-capped evidence digest while serving its tool calls from the tool
/// registry through RETURN_CONTROL (policy answers a write that needs approval with DENY), parses and validates its
/// structured answer, and falls back to the deterministic decision, with the reason, when anything is wrong.
/// </summary>
/// <remarks>Publishes <see cref="AgentMetricNames"/> through the request's metrics on every agent run.</remarks>
public sealed class BedrockAnalyst
{
    private readonly BedrockAgentRuntimeClient _client;
    private readonly ToolRegistry _registry;
    private readonly BedrockAnalystOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the analyst.</summary>
    /// <param name="client">The Bedrock Agent Runtime client (its pipeline retries throttling).</param>
    /// <param name="registry">The tool registry the agent's RETURN_CONTROL calls are served from (the one the diagnosis read through).</param>
    /// <param name="options">The agent, the routing and the bounds.</param>
    /// <param name="time">The clock of the latency metric and the run's deadline; the system clock by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is outside 0–1, the input cap below <see cref="BedrockAnalystOptions.MinInputBytes"/>, the rounds negative or the timeout not positive.</exception>
    public BedrockAnalyst(BedrockAgentRuntimeClient client, ToolRegistry registry, BedrockAnalystOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConfidenceThreshold, 0.0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ConfidenceThreshold, 1.0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInputBytes, BedrockAnalystOptions.MinInputBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRounds, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        _client = client;
        _registry = registry;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Decides whether the model is asked and, if so, whether its answer replaces the deterministic decision. Never
    /// throws for the model's failures: they become the fallback reason.
    /// </summary>
    /// <param name="deterministic">The deterministic diagnosis (<see cref="Diagnoser.DiagnoseAsync"/>).</param>
    /// <param name="request">The request it was made for: caller, logger, metrics and cancellation.</param>
    /// <returns>The decision and what the model path did.</returns>
    /// <exception cref="OperationCanceledException">The request's token was cancelled.</exception>
    public async Task<AnalystResult> DecideAsync(DiagnosisResult deterministic, DiagnosisRequest request)
    {
        ArgumentNullException.ThrowIfNull(deterministic);
        ArgumentNullException.ThrowIfNull(request);
        var (call, routing) = Route(deterministic);
        if (!call)
        {
            return new AnalystResult
            {
                Diagnosis = deterministic with { DecisionReason = $"{deterministic.DecisionReason}; model not asked: {routing}" },
                ModelCalled = false,
                Routing = routing,
            };
        }

        var (input, truncated) = ModelInput.Build(deterministic, _options.MaxInputBytes);
        var executor = new RecordingReturnControlExecutor(new ToolReturnControlExecutor(_registry, new ReturnControlExecutorOptions
        {
            ClusterName = string.IsNullOrEmpty(deterministic.ClusterName) ? null : deterministic.ClusterName,
            CallerIdentity = request.Caller.Identity,
            Logger = request.Logger,
            Metrics = request.Metrics,
        }));
        var sessionId = "eksops-diagnosis-" + Guid.NewGuid().ToString("N");
        var started = _time.GetTimestamp();
        var (run, failure) = await RunAsync(input, sessionId, executor, request).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);

        var result = new AnalystResult
        {
            Diagnosis = deterministic,
            ModelCalled = true,
            Routing = routing,
            FinalText = run is null ? null : SecretRedactor.Redact(run.Text),
            ToolCalls = executor.Calls,
            Usage = run?.Usage ?? TokenUsage.None,
            Invocations = run?.Invocations ?? 1,
            Rounds = run?.Rounds ?? 0,
            Latency = latency,
            InputTruncated = truncated,
            InputBytes = Encoding.UTF8.GetByteCount(input),
            SessionId = run?.SessionId ?? sessionId,
        };

        ModelAnswer? answer = null;
        ModelAnswerValidator.Decision? decision = null;
        if (failure is null && run is not null)
        {
            failure = ModelAnswerParser.TryParse(run.Text, out answer, out var malformed)
                ? ModelAnswerValidator.Validate(answer, deterministic, executor.Seen, out decision)
                : "malformed answer: " + malformed;
        }

        Publish(request.Metrics, result, used: decision is not null);
        if (decision is null)
        {
            request.Logger.LogWarning($"diagnosis of {deterministic.AlarmName}: the Bedrock agent's answer was not used ({failure}); the deterministic decision stands");
            return result with
            {
                Diagnosis = deterministic with { DecisionReason = $"{deterministic.DecisionReason}; model asked ({routing}) but not used: {failure}" },
                FallbackReason = failure,
                Answer = answer,
            };
        }

        var denied = executor.Calls.Count(c => c.Denied);
        var deniedNote = denied > 0 ? string.Create(CultureInfo.InvariantCulture, $"; policy denied {denied} of its tool calls") : string.Empty;
        var reason = $"model: asked because {routing}; its answer {decision.RootCause.Id()} on {decision.Subject} passed validation against the taxonomy, the runbook catalogue and the evidence{deniedNote}";
        return result with
        {
            Diagnosis = deterministic.DecidedByModel(decision.RootCause, decision.Subject, decision.Proposal, decision.Confidence, decision.Summary, reason),
            Answer = answer,
        };
    }

    /// <summary>Whether the model is asked, and why (or why not).</summary>
    private (bool Call, string Why) Route(DiagnosisResult deterministic)
    {
        var invariant = CultureInfo.InvariantCulture;
        return _options.Mode switch
        {
            AnalystMode.Deterministic => (false, $"{BedrockAnalystOptions.ModeVariable} is deterministic"),
            _ when !_options.AgentConfigured => (false, $"no Bedrock agent is configured ({BedrockAnalystOptions.AgentIdVariable}, {BedrockAnalystOptions.AgentAliasIdVariable})"),
            AnalystMode.Always => (true, $"{BedrockAnalystOptions.ModeVariable} is always"),
            _ when deterministic.Confidence < _options.ConfidenceThreshold =>
                (true, string.Create(invariant, $"deterministic confidence {deterministic.Confidence:0.00} is below the threshold {_options.ConfidenceThreshold:0.00}")),
            _ => (false, string.Create(invariant, $"deterministic confidence {deterministic.Confidence:0.00} is at or above the threshold {_options.ConfidenceThreshold:0.00}")),
        };
    }

    /// <summary>Runs the agent; a failure that leaves no usable answer becomes the reason, with the partial run when there is one.</summary>
    private async Task<(AgentRunResult? Run, string? Failure)> RunAsync(string input, string sessionId, RecordingReturnControlExecutor executor, DiagnosisRequest request)
    {
        var call = new InvokeAgentRequest
        {
            AgentId = _options.AgentId!,
            AgentAliasId = _options.AgentAliasId!,
            SessionId = sessionId,
            InputText = input,
            // Traces carry the token usage.
            EnableTrace = true,
        };
        var loop = new ReturnControlLoopOptions { MaxRounds = _options.MaxRounds, Timeout = _options.Timeout, TimeProvider = _time };
        try
        {
            return (await _client.RunAgentAsync(call, executor, loop, request.CancellationToken).ConfigureAwait(false), null);
        }
        catch (ReturnControlLimitException e)
        {
            return (e.Partial, $"the agent run stopped at its {e.Limit} limit: {e.Message}");
        }
        catch (AwsThrottlingException e)
        {
            return (null, $"Bedrock throttled the agent after the client's retries: {e.Message}");
        }
        catch (AgentThrottlingException e)
        {
            return (null, $"Bedrock throttled the agent mid-stream: {e.Message}");
        }
        catch (AwsServiceException e)
        {
            return (null, $"Bedrock refused the agent call: {e.GetType().Name}: {e.Message}");
        }
        // InvalidOperationException: a return-control request the executor cannot answer (neither a function nor an API).
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or InvalidOperationException
            || (e is OperationCanceledException && !request.CancellationToken.IsCancellationRequested))
        {
            return (null, $"the agent call failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static void Publish(IMetrics metrics, AnalystResult result, bool used)
    {
        metrics.AddMetric(AgentMetricNames.Invocations, 1);
        metrics.AddMetric(AgentMetricNames.Latency, result.Latency.TotalMilliseconds, MetricUnit.Milliseconds);
        metrics.AddMetric(AgentMetricNames.InputTokens, result.Usage.InputTokens);
        metrics.AddMetric(AgentMetricNames.OutputTokens, result.Usage.OutputTokens);
        metrics.AddMetric(AgentMetricNames.Fallbacks, used ? 0 : 1);
    }
}
