using EksOps.Cli;
using EksOps.Scenarios;

namespace EksOps.Diagnosis.Tests;

/// <summary>Every scenario, served over the real wire protocols, diagnosed through the tool registry and graded against its expect: block.</summary>
public sealed class CorpusTests
{
    [Theory]
    [MemberData(nameof(Repository.PublicScenarioIds), MemberType = typeof(Repository))]
    public async Task Public_scenario_passes(string id) => await AssertPasses(Path.Combine(Repository.PublicScenarios, id));

    [Theory]
    [MemberData(nameof(Repository.HeldOutScenarioIds), MemberType = typeof(Repository))]
    public async Task Held_out_scenario_passes(string id) => await AssertPasses(Path.Combine(Repository.HeldOutScenarios, id));

    [Theory]
    [MemberData(nameof(Repository.BlindScenarioIds), MemberType = typeof(Repository))]
    public async Task Blind_held_out_scenario_passes(string id) => await AssertPasses(Path.Combine(Repository.BlindScenarios, id));

    private static async Task AssertPasses(string folder)
    {
        var scenario = ScenarioLoader.Load(folder);
        var evaluation = await ScenarioEvaluator.EvaluateAsync(scenario, budget: null, TestContext.Current.CancellationToken);
        Assert.Null(evaluation.Error);
        var result = evaluation.Result!;
        var why = $"{result.Summary}\nfindings:\n{string.Join("\n", result.Findings.Select(f => $"  {f.Id} {f.Kind} {f.About}: {f.Message}"))}";
        Assert.True(evaluation.RootCauseMatch, $"root cause {result.RootCause} but expected {evaluation.ExpectedRootCause}\n{why}");
        Assert.True(evaluation.SubjectMatch, $"subject {result.Subject} but expected {evaluation.ExpectedSubject}\n{why}");
        Assert.False(evaluation.RemediationForbidden, $"proposed the forbidden {result.Proposal.Runbook}\n{why}");
        Assert.True(evaluation.RemediationOk, $"proposed {result.Proposal.Runbook}, not an allowed one\n{why}");
        Assert.True(evaluation.ApprovalAsExpected, $"approval required: {result.ApprovalRequired}\n{why}");
        Assert.All(result.Findings, f => Assert.NotEmpty(f.EvidenceIds));
        Assert.All(result.Findings.SelectMany(f => f.EvidenceIds), e => Assert.Contains(result.Evidence, r => r.Id == e));
        Assert.Equal(DecisionPath.Deterministic, result.DecidedBy);
    }
}
