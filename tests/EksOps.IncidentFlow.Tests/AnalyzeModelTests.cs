using System.Text.Json.Nodes;
using EksOps.Aws;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Diagnosis.Agent;
using EksOps.IncidentStore;
using EksOps.Testing.Bedrock;

namespace EksOps.IncidentFlow.Tests;

/// <summary><c>analyze</c> with the Bedrock agent (the loopback Bedrock Agent Runtime): a used answer with its tokens, throttling in required and auto modes.</summary>
public class AnalyzeModelTests
{
    private const string AgentId = "AGENT12345";
    private const string AliasId = "TSTALIASID";

    [Fact]
    public async Task In_always_mode_bedrock_throttling_past_the_clients_retries_fails_the_step_as_a_throttling_error_the_state_machine_retries()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        await using var bedrock = FakeBedrockAgentRuntime.Script(new ErrorReply(429, "ThrottlingException", "Rate exceeded"));
        using var pipeline = bedrock.Pipeline(o => o.TimeProvider = new RecordingTimeProvider());
        var flow = served.Services(new BedrockAgentRuntimeClient(pipeline), Options(AnalystMode.Always));
        await flow.Investigate.HandleAsync(served.Payload(StepNames.Diagnose), ServedFlow.Context());

        var thrown = await Assert.ThrowsAsync<AwsThrottlingException>(() => flow.Investigate.HandleAsync(served.Payload(StepNames.Analyze), ServedFlow.Context()));

        Assert.Equal(nameof(AwsThrottlingException), thrown.GetType().Name); // the errorType the state machine's Retry names
        Assert.StartsWith("Bedrock throttled the agent", thrown.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(4, bedrock.Requests.Count);
        Assert.Null(await served.Store.FindEntryAsync(served.IncidentId, TimelineKeys.Analysis, TestContext.Current.CancellationToken));
        var timeline = await served.Store.GetTimelineAsync(served.IncidentId, TestContext.Current.CancellationToken);
        var run = Assert.Single(timeline, e => e.Kind == TimelineKind.ModelCall);
        Assert.False((bool)run.Data!["used"]!);
    }

    [Fact]
    public async Task In_auto_mode_bedrock_throttling_falls_back_to_the_deterministic_decision_and_records_why()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        await using var bedrock = FakeBedrockAgentRuntime.Script(new ErrorReply(429, "ThrottlingException", "Rate exceeded"));
        using var pipeline = bedrock.Pipeline(o => o.TimeProvider = new RecordingTimeProvider());
        // A threshold of 1 sends every diagnosis to the model in auto mode.
        var flow = served.Services(new BedrockAgentRuntimeClient(pipeline), Options(AnalystMode.Auto) with { ConfidenceThreshold = 1.0 });
        await flow.Investigate.HandleAsync(served.Payload(StepNames.Diagnose), ServedFlow.Context());

        var analyzed = await flow.Investigate.HandleAsync(served.Payload(StepNames.Analyze), ServedFlow.Context());

        Assert.Equal("deterministic", (string?)analyzed["decidedBy"]);
        Assert.Equal("oom-killed", (string?)analyzed["rootCause"]);
        Assert.StartsWith("Bedrock throttled the agent after the client's retries", (string?)analyzed["fallbackReason"], StringComparison.Ordinal);
        var analysis = await served.EntryAsync(TimelineKeys.Analysis);
        Assert.True((bool)analysis["fallback"]!);
        Assert.True((bool)analysis["modelCalled"]!);
        Assert.Contains("but not used: Bedrock throttled", (string?)analysis["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_answer_that_passes_validation_decides_and_its_calls_and_tokens_are_recorded_and_reported()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        await served.Services().Investigate.HandleAsync(served.Payload(StepNames.Diagnose), ServedFlow.Context());
        string oom = (string)(await served.EntryAsync(TimelineKeys.Diagnosis))["findings"]!.AsArray().First(f => (string?)f!["kind"] == "OomKilled")!["id"]!;
        var answer = new JsonObject
        {
            ["rootCause"] = "oom-killed",
            ["subject"] = new JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
            ["proposal"] = new JsonObject { ["runbook"] = "increase-memory-limit", ["target"] = new JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" } },
            ["rationale"] = "The containers are killed at their memory limit.",
            ["evidence"] = new JsonArray(oom),
            ["confidence"] = 0.93,
        };
        await using var bedrock = FakeBedrockAgentRuntime.Script(new StreamReply(
            AgentFrames.Usage("orchestrationTrace", 1200, 150),
            AgentFrames.Chunk($"The evidence is consistent.\n\n```json\n{answer.ToJsonString()}\n```\n")));
        using var pipeline = bedrock.Pipeline();
        var flow = served.Services(new BedrockAgentRuntimeClient(pipeline), Options(AnalystMode.Always));

        var analyzed = await flow.Investigate.HandleAsync(served.Payload(StepNames.Analyze), ServedFlow.Context());

        Assert.Equal("model", (string?)analyzed["decidedBy"]);
        Assert.Equal(0.93, (double)analyzed["confidence"]!);
        var analysis = await served.EntryAsync(TimelineKeys.Analysis);
        Assert.Equal(1200L, (long)analysis["model"]!["inputTokens"]!);
        Assert.Equal(150L, (long)analysis["model"]!["outputTokens"]!);
        Assert.Equal("increase-memory-limit", (string?)analysis["runbook"]);
        await flow.Report.HandleAsync(served.Payload(StepNames.Escalate, new JsonObject()), ServedFlow.Context());
        var report = (await IncidentReport.LoadAsync(served.Store, served.IncidentId, TestContext.Current.CancellationToken))!;
        Assert.Equal(new ReportModelUsage { Runs = 1, Invocations = 1, InputTokens = 1200, OutputTokens = 150 }, report.ModelUsage);
        Assert.Contains("1 agent run(s), 1 InvokeAgent call(s), 1200 input and 150 output tokens.", IncidentReportMarkdown.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Always_mode_without_a_bedrock_client_fails_the_step_rather_than_deciding_without_the_model()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services(null, Options(AnalystMode.Always));
        await flow.Investigate.HandleAsync(served.Payload(StepNames.Diagnose), ServedFlow.Context());

        var thrown = await Assert.ThrowsAsync<ModelUnavailableException>(() => flow.Investigate.HandleAsync(served.Payload(StepNames.Analyze), ServedFlow.Context()));

        Assert.Contains("EKSOPS_ANALYST_MODE=always requires the Bedrock agent", thrown.Message, StringComparison.Ordinal);
    }

    private static BedrockAnalystOptions Options(AnalystMode mode) => new() { AgentId = AgentId, AgentAliasId = AliasId, Mode = mode };
}
