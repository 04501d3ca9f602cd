using System.Text.Json.Nodes;
using EksOps.Diagnosis.Agent;
using EksOps.Lambda.Testing;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>Answers that must not replace the deterministic decision: malformed, or invalid against the taxonomy, the catalogue or the evidence.</summary>
public sealed class AnswerValidationTests(ServedIncident served) : IClassFixture<ServedIncident>
{
    private static readonly ObjectRef Checkout = new("Deployment", "shop", "checkout");

    public static TheoryData<string, string> MalformedAnswers => new()
    {
        { "The pods are running out of memory; raise the limit.", "malformed answer: the final answer holds no fenced JSON object" },
        { "```json\n{\"rootCause\": \"oom-killed\", \"subject\": \n```", "malformed answer: the final answer holds no fenced JSON object" },
        { "```json\n{\"rootCause\": \"oom-killed\", \"rationale\": \"x\", \"evidence\": []}\n```", "malformed answer: subject: must be an object {kind, namespace, name}" },
        { "```json\n{\"rootCause\": \"oom-killed\", \"subject\": {\"kind\": \"Deployment\", \"namespace\": \"shop\", \"name\": \"checkout\"}, \"rationale\": \"x\", \"evidence\": \"F1\"}\n```", "malformed answer: evidence must be an array of at most 50 id strings" },
        { "```json\n{\"rootCause\": 7}\n```", "malformed answer: the answer has no rootCause string" },
    };

    [Theory]
    [MemberData(nameof(MalformedAnswers))]
    public async Task A_malformed_final_answer_falls_back_with_the_reason(string finalText, string reason)
    {
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always), AgentTurns.Final(finalText));
        var metrics = new TestMetrics();

        var outcome = await agent.Analyst.DecideAsync(served.Deterministic, served.Request(metrics));

        AssertFellBack(outcome, reason);
        Assert.Null(outcome.Answer);
        Assert.Equal([1.0], metrics.ValuesOf(AgentMetricNames.Fallbacks));
        Assert.Equal([1.0], metrics.ValuesOf(AgentMetricNames.Invocations));
    }

    [Fact]
    public async Task An_unknown_root_cause_falls_back()
    {
        var outcome = await Decide(AgentTurns.AnswerJson("memory-leak", Checkout, null, Oom().Id));
        AssertFellBack(outcome, "root cause \"memory-leak\" is not in the taxonomy");
        Assert.Equal("memory-leak", outcome.Answer?.RootCause);
    }

    [Fact]
    public async Task A_subject_never_seen_falls_back()
    {
        var outcome = await Decide(AgentTurns.AnswerJson("oom-killed", new ObjectRef("Deployment", "shop", "checkout-v2"), "increase-memory-limit", Oom().Id));
        AssertFellBack(outcome, "subject Deployment shop/checkout-v2 was not seen in the evidence or in the agent's tool results");
    }

    [Theory]
    [InlineData("restart-rollout", "restart-rollout cannot help against oom-killed")]
    [InlineData("rollback-deployment", "rollback-deployment cannot help against oom-killed")]
    [InlineData("drain-node", "drain-node cannot act on a Deployment")]
    [InlineData("reboot-cluster", "runbook \"reboot-cluster\" is not in the catalogue")]
    public async Task A_runbook_that_cannot_help_falls_back(string runbook, string reason)
    {
        var outcome = await Decide(AgentTurns.AnswerJson("oom-killed", Checkout, runbook, Oom().Id));
        AssertFellBack(outcome, reason);
    }

    [Fact]
    public async Task Evidence_that_does_not_exist_falls_back()
    {
        var outcome = await Decide(AgentTurns.AnswerJson("oom-killed", Checkout, "increase-memory-limit", Oom().Id, "E999"));
        AssertFellBack(outcome, "cited evidence \"E999\" does not exist");
    }

    [Fact]
    public async Task A_conclusion_without_evidence_falls_back()
    {
        var outcome = await Decide(AgentTurns.AnswerJson("oom-killed", Checkout, "increase-memory-limit"));
        AssertFellBack(outcome, "the answer concludes oom-killed but cites no evidence");
    }

    [Fact]
    public async Task A_runbook_aimed_at_another_object_than_the_subject_falls_back()
    {
        var answer = AgentTurns.AnswerJson("oom-killed", Checkout, "increase-memory-limit", Oom().Id);
        var other = new ObjectRef("Deployment", "shop", "cart");
        answer["proposal"]!["target"] = AgentTurns.Reference(other);
        var outcome = await Decide(answer);
        AssertFellBack(outcome, $"increase-memory-limit targets {other}, not the subject {Checkout}");
    }

    [Fact]
    public async Task An_escalation_needs_no_target_and_no_approval()
    {
        var answer = AgentTurns.AnswerJson("oom-killed", Checkout, null, Oom().Id);
        var outcome = await Decide(answer);
        Assert.Equal(DecisionPath.Model, outcome.Diagnosis.DecidedBy);
        Assert.Equal(Incidents.RunbookId.Escalate, outcome.Diagnosis.Proposal.Runbook);
        Assert.Null(outcome.Diagnosis.Proposal.Target);
        Assert.False(outcome.Diagnosis.ApprovalRequired);
    }

    private Finding Oom() => served.Deterministic.Findings.First(f => f.Kind == FindingKind.OomKilled);

    private async Task<AnalystResult> Decide(JsonObject answer)
    {
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always), AgentTurns.Answer(answer));
        return await agent.Analyst.DecideAsync(served.Deterministic, served.Request(new TestMetrics()));
    }

    private void AssertFellBack(AnalystResult outcome, string reason)
    {
        Assert.True(outcome.ModelCalled);
        Assert.Equal(reason, outcome.FallbackReason);
        Assert.Equal(DecisionPath.Deterministic, outcome.Diagnosis.DecidedBy);
        Assert.Equal(served.Deterministic.RootCause, outcome.Diagnosis.RootCause);
        Assert.Equal(served.Deterministic.Subject, outcome.Diagnosis.Subject);
        Assert.Equal(served.Deterministic.Proposal, outcome.Diagnosis.Proposal);
        Assert.Equal($"{served.Deterministic.DecisionReason}; model asked ({BedrockAnalystOptions.ModeVariable} is always) but not used: {reason}", outcome.Diagnosis.DecisionReason);
    }
}
