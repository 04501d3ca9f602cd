using EksOps.Diagnosis.Agent;
using EksOps.Lambda.Testing;
using EksOps.Testing.Bedrock;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>Throttled InvokeAgent calls: the AWS client retries; when it gives up, the deterministic decision stands with the reason.</summary>
public sealed class ThrottlingTests(ServedIncident served) : IClassFixture<ServedIncident>
{
    [Fact]
    public async Task Throttling_is_retried_and_the_answer_then_used()
    {
        var oom = served.Deterministic.Findings.First(f => f.Kind == FindingKind.OomKilled);
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always),
            new ErrorReply(429, "ThrottlingException", "Rate exceeded"),
            new ErrorReply(429, "ThrottlingException", "Rate exceeded"),
            AgentTurns.Answer(AgentTurns.AnswerJson("oom-killed", new ObjectRef("Deployment", "shop", "checkout"), "increase-memory-limit", oom.Id)));

        var outcome = await agent.Analyst.DecideAsync(served.Deterministic, served.Request(new TestMetrics()));

        Assert.Equal(3, agent.Fake.Requests.Count);
        Assert.Equal(2, agent.Clock.Delays.Count); // one backoff before each retry
        Assert.Null(outcome.FallbackReason);
        Assert.Equal(DecisionPath.Model, outcome.Diagnosis.DecidedBy);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_falls_back_with_the_reason()
    {
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always), new ErrorReply(429, "ThrottlingException", "Rate exceeded"));
        var metrics = new TestMetrics();

        var outcome = await agent.Analyst.DecideAsync(served.Deterministic, served.Request(metrics));

        Assert.Equal(4, agent.Fake.Requests.Count); // AwsRetryOptions.MaxAttempts
        Assert.True(outcome.ModelCalled);
        Assert.StartsWith("Bedrock throttled the agent after the client's retries: ", outcome.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(DecisionPath.Deterministic, outcome.Diagnosis.DecidedBy);
        Assert.Equal(served.Deterministic.RootCause, outcome.Diagnosis.RootCause);
        Assert.Contains("but not used: Bedrock throttled the agent", outcome.Diagnosis.DecisionReason, StringComparison.Ordinal);
        Assert.Equal([1.0], metrics.ValuesOf(AgentMetricNames.Fallbacks));
        Assert.Equal([0.0], metrics.ValuesOf(AgentMetricNames.InputTokens));
    }
}
