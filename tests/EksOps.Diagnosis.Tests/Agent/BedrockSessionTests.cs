using System.Text.Json.Nodes;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Diagnosis.Agent;
using EksOps.Incidents;
using EksOps.Lambda;
using EksOps.Lambda.Testing;
using EksOps.Testing.Bedrock;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>Whole agent sessions against the loopback Bedrock fake, the agent's tool calls served by the registry over a served scenario.</summary>
public sealed class BedrockSessionTests(ServedIncident served) : IClassFixture<ServedIncident>
{
    private static readonly ObjectRef Checkout = new("Deployment", "shop", "checkout");

    [Fact]
    public async Task A_multi_round_session_ends_in_a_valid_answer_that_replaces_an_ambiguous_deterministic_decision()
    {
        var oom = served.Deterministic.Findings.First(f => f.Kind == FindingKind.OomKilled);
        var withPreviousLogs = served.Scenario.Logs.Where(l => l.Previous && l.Namespace == "shop").Select(l => l.Pod).ToHashSet(StringComparer.Ordinal);
        // The deterministic analyst could not decide: the model is asked because the confidence is below the threshold.
        var ambiguous = served.Deterministic with
        {
            RootCause = RootCause.Unknown,
            Confidence = 0.3,
            Proposal = new RemediationProposal { Runbook = RunbookId.Escalate, ApprovalRequired = false, Rationale = "nothing supports a conclusion" },
        };
        await using var agent = AgentHarness.Start(served.Registry, (request, n) => n switch
        {
            0 => AgentTurns.Tools("inv-1",
                AgentTurns.Read("list_k8s_resources", ("kind", "Pod"), ("namespace", "shop")),
                AgentTurns.Read("get_k8s_resource", ("kind", "Deployment"), ("namespace", "shop"), ("name", "checkout"))),
            // The second round reads the previous logs of a pod the first round's listing returned.
            1 => AgentTurns.Tools("inv-2", AgentTurns.Read("get_pod_logs", ("namespace", "shop"), ("pod", PodListed(request, withPreviousLogs)), ("previous", "true"))),
            _ => AgentTurns.Answer(AgentTurns.AnswerJson("oom-killed", Checkout, "increase-memory-limit", oom.Id, oom.EvidenceIds[0])),
        });
        var metrics = new TestMetrics();

        var outcome = await agent.Analyst.DecideAsync(ambiguous, served.Request(metrics));

        Assert.True(outcome.ModelCalled);
        Assert.Null(outcome.FallbackReason);
        var decided = outcome.Diagnosis;
        Assert.Equal(DecisionPath.Model, decided.DecidedBy);
        Assert.Equal(RootCause.OomKilled, decided.RootCause);
        Assert.Equal(Checkout, decided.Subject);
        Assert.Equal(RunbookId.IncreaseMemoryLimit, decided.Proposal.Runbook);
        Assert.Equal(Checkout, decided.Proposal.Target);
        Assert.True(decided.ApprovalRequired); // production: every write needs approval
        Assert.Equal(0.93, decided.Confidence);
        Assert.StartsWith("model: asked because deterministic confidence 0.30 is below the threshold 0.60", decided.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("decided by the Bedrock agent", decided.Summary, StringComparison.Ordinal);
        Assert.Equal(served.Deterministic.Findings, decided.Findings);
        Assert.Equal(served.Deterministic.Evidence, decided.Evidence);

        Assert.Equal(3, agent.Fake.Requests.Count);
        Assert.All(agent.Fake.Requests, r => Assert.Null(r.SignatureProblem));
        Assert.Equal([1, 1, 2], outcome.ToolCalls.Select(c => c.Round));
        Assert.Equal(["list_k8s_resources", "get_k8s_resource", "get_pod_logs"], outcome.ToolCalls.Select(c => c.Tool));
        Assert.All(outcome.ToolCalls, c => Assert.Equal("success", c.Outcome));
        Assert.Equal(2, outcome.Rounds);
        Assert.Equal(3, outcome.Invocations);
        // What went back to the agent came from the served cluster.
        var round1 = AgentTurns.Results(agent.Fake.Requests[1]);
        Assert.Equal("checkout", (string?)AgentTurns.Body(round1[1]!)["object"]!["metadata"]!["name"]);
        Assert.True((int)AgentTurns.Body(AgentTurns.Results(agent.Fake.Requests[2])[0]!)["lineCount"]! > 0);

        Assert.Equal(new TokenUsage(900 + 900 + 1200, 60 + 60 + 150), outcome.Usage);
        Assert.Equal([1.0], metrics.ValuesOf(AgentMetricNames.Invocations));
        Assert.Equal([3000.0], metrics.ValuesOf(AgentMetricNames.InputTokens));
        Assert.Equal([270.0], metrics.ValuesOf(AgentMetricNames.OutputTokens));
        Assert.Equal([0.0], metrics.ValuesOf(AgentMetricNames.Fallbacks));
        Assert.Single(metrics.ValuesOf(AgentMetricNames.Latency));
        Assert.Contains(metrics.Metrics, m => m.Name == AgentMetricNames.Latency && m.Unit == MetricUnit.Milliseconds);
    }

    [Fact]
    public async Task A_forbidden_write_the_model_asks_for_is_denied_by_policy_recorded_and_not_applied()
    {
        var oom = served.Deterministic.Findings.First(f => f.Kind == FindingKind.OomKilled);
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always),
            AgentTurns.Tools("inv-1", AgentFrames.Function("EksOpsWrite", "execute_runbook",
            [
                ("runbook", "string", "restart-rollout"),
                ("target", "string", """{"kind": "Deployment", "namespace": "shop", "name": "checkout"}"""),
                ("dryRun", "boolean", "false"),
            ])),
            AgentTurns.Answer(AgentTurns.AnswerJson("oom-killed", Checkout, "increase-memory-limit", oom.Id)));

        var outcome = await agent.Analyst.DecideAsync(served.Deterministic, served.Request(new TestMetrics()));

        var call = Assert.Single(outcome.ToolCalls);
        Assert.Equal("execute_runbook", call.Tool);
        Assert.True(call.Denied);
        Assert.Equal(ConfirmationState.Deny, call.Confirmation);
        Assert.Equal("approval-required", call.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(call.Detail));
        Assert.Contains("\"dryRun\":\"false\"", call.Arguments, StringComparison.Ordinal);
        var sentBack = Assert.Single(AgentTurns.Results(agent.Fake.Requests[1]));
        Assert.Equal("DENY", (string?)sentBack!["functionResult"]!["confirmationState"]);
        // The plan reached the API server only as a server-side dry run; nothing was changed.
        var writes = served.Environment.Kubernetes.Writes.Where(w => w.Name == "checkout").ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, w => Assert.True(w.DryRun));
        Assert.Equal(DecisionPath.Model, outcome.Diagnosis.DecidedBy);
        Assert.Contains("policy denied 1 of its tool calls", outcome.Diagnosis.DecisionReason, StringComparison.Ordinal);
    }

    private static string PodListed(AgentRequest request, HashSet<string> withPreviousLogs)
    {
        var listing = AgentTurns.Body(AgentTurns.Results(request)[0]!);
        return listing["items"]!.AsArray().Select(i => (string)i!["name"]!).First(withPreviousLogs.Contains);
    }
}
