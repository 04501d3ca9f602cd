using EksOps.Diagnosis.Agent;
using EksOps.Incidents;
using EksOps.Lambda.Testing;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>When the model is asked: the deployment's mode, the deterministic confidence against the threshold, and whether an agent is configured.</summary>
public sealed class RoutingTests(ServedIncident served) : IClassFixture<ServedIncident>
{
    [Fact]
    public async Task A_confident_deterministic_decision_does_not_call_the_model()
    {
        var confident = served.Deterministic with { Confidence = 0.9 };
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Auto), Valid());
        var metrics = new TestMetrics();

        var outcome = await agent.Analyst.DecideAsync(confident, served.Request(metrics));

        Assert.False(outcome.ModelCalled);
        Assert.Empty(agent.Fake.Requests);
        Assert.Equal(DecisionPath.Deterministic, outcome.Diagnosis.DecidedBy);
        Assert.Equal("deterministic confidence 0.90 is at or above the threshold 0.60", outcome.Routing);
        Assert.EndsWith("; model not asked: deterministic confidence 0.90 is at or above the threshold 0.60", outcome.Diagnosis.DecisionReason, StringComparison.Ordinal);
        Assert.Empty(metrics.ValuesOf(AgentMetricNames.Invocations));
    }

    [Fact]
    public async Task Always_calls_the_model_even_when_the_deterministic_decision_is_confident()
    {
        var confident = served.Deterministic with { Confidence = 0.95 };
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always), Valid());

        var outcome = await agent.Analyst.DecideAsync(confident, served.Request(new TestMetrics()));

        Assert.True(outcome.ModelCalled);
        Assert.Single(agent.Fake.Requests);
        Assert.Equal($"{BedrockAnalystOptions.ModeVariable} is always", outcome.Routing);
        Assert.Equal(DecisionPath.Model, outcome.Diagnosis.DecidedBy);
    }

    [Fact]
    public async Task Auto_calls_the_model_below_the_threshold()
    {
        var unsure = served.Deterministic with { Confidence = 0.55 };
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Auto) with { ConfidenceThreshold = 0.7 }, Valid());

        var outcome = await agent.Analyst.DecideAsync(unsure, served.Request(new TestMetrics()));

        Assert.True(outcome.ModelCalled);
        Assert.Equal("deterministic confidence 0.55 is below the threshold 0.70", outcome.Routing);
        Assert.Equal(DecisionPath.Model, outcome.Diagnosis.DecidedBy);
    }

    [Fact]
    public async Task Deterministic_mode_never_calls_the_model()
    {
        var unsure = served.Deterministic with { RootCause = RootCause.Unknown, Confidence = 0.1 };
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Deterministic), Valid());

        var outcome = await agent.Analyst.DecideAsync(unsure, served.Request(new TestMetrics()));

        Assert.False(outcome.ModelCalled);
        Assert.Empty(agent.Fake.Requests);
        Assert.Equal($"{BedrockAnalystOptions.ModeVariable} is deterministic", outcome.Routing);
        Assert.Equal(RootCause.Unknown, outcome.Diagnosis.RootCause);
    }

    [Fact]
    public async Task Without_an_agent_auto_stays_deterministic()
    {
        var unsure = served.Deterministic with { Confidence = 0.1 };
        await using var agent = AgentHarness.Script(served.Registry, new BedrockAnalystOptions { Mode = AnalystMode.Auto }, Valid());

        var outcome = await agent.Analyst.DecideAsync(unsure, served.Request(new TestMetrics()));

        Assert.False(outcome.ModelCalled);
        Assert.Empty(agent.Fake.Requests);
        Assert.Equal("no Bedrock agent is configured (EKSOPS_AGENT_ID, EKSOPS_AGENT_ALIAS_ID)", outcome.Routing);
    }

    [Fact]
    public void The_environment_sets_the_mode_the_threshold_and_the_bounds()
    {
        var variables = new Dictionary<string, string>
        {
            ["EKSOPS_AGENT_ID"] = "AGENT12345",
            ["EKSOPS_AGENT_ALIAS_ID"] = "ALIAS12345",
            ["EKSOPS_ANALYST_MODE"] = "Always",
            ["EKSOPS_ANALYST_CONFIDENCE_THRESHOLD"] = "0.75",
            ["EKSOPS_ANALYST_MAX_INPUT_BYTES"] = "12000",
            ["EKSOPS_ANALYST_MAX_ROUNDS"] = "4",
            ["EKSOPS_ANALYST_TIMEOUT_SECONDS"] = "90",
        };

        var options = BedrockAnalystOptions.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal(new BedrockAnalystOptions
        {
            AgentId = "AGENT12345",
            AgentAliasId = "ALIAS12345",
            Mode = AnalystMode.Always,
            ConfidenceThreshold = 0.75,
            MaxInputBytes = 12000,
            MaxRounds = 4,
            Timeout = TimeSpan.FromSeconds(90),
        }, options);
        Assert.Equal(AnalystMode.Auto, BedrockAnalystOptions.FromEnvironment(_ => null).Mode);
    }

    [Theory]
    [InlineData("EKSOPS_ANALYST_MODE", "sometimes")]
    [InlineData("EKSOPS_ANALYST_CONFIDENCE_THRESHOLD", "1.5")]
    [InlineData("EKSOPS_ANALYST_MAX_INPUT_BYTES", "100")]
    [InlineData("EKSOPS_ANALYST_MAX_INPUT_BYTES", "30000")]
    public void A_bad_setting_is_refused_with_its_name(string name, string value)
    {
        var error = Assert.Throws<FormatException>(() => BedrockAnalystOptions.FromEnvironment(n => n == name ? value : null));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Always_without_an_agent_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => BedrockAnalystOptions.FromEnvironment(n => n == "EKSOPS_ANALYST_MODE" ? "always" : null));
        Assert.Contains("EKSOPS_AGENT_ID", error.Message, StringComparison.Ordinal);
    }

    private Testing.Bedrock.StreamReply Valid()
    {
        var oom = served.Deterministic.Findings.First(f => f.Kind == FindingKind.OomKilled);
        return AgentTurns.Answer(AgentTurns.AnswerJson("oom-killed", new ObjectRef("Deployment", "shop", "checkout"), "increase-memory-limit", oom.Id));
    }
}
