using System.Diagnostics;
using EksOps.Diagnosis;
using EksOps.Local;
using EksOps.Scenarios;
using EksOps.Tools;

namespace EksOps.Cli;

/// <summary>
/// Serves a scenario (its cluster over the Kubernetes API, its metrics and logs over CloudWatch), builds the tool
/// registry with the read tools over it, runs the deterministic diagnosis through that registry and grades the answer.
/// </summary>
internal static class ScenarioEvaluator
{
    public static async Task<ScenarioEvaluation> EvaluateAsync(Scenario scenario, DiagnosisBudget? budget, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await DiagnoseAsync(scenario, budget, cancellationToken).ConfigureAwait(false);
            return Grade(scenario, result, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(scenario, $"{e.GetType().Name}: {e.Message}", Stopwatch.GetElapsedTime(started));
        }
    }

    public static async Task<DiagnosisResult> DiagnoseAsync(Scenario scenario, DiagnosisBudget? budget, CancellationToken cancellationToken)
    {
        await using var served = await LocalScenario.StartAsync(scenario, cancellationToken).ConfigureAwait(false);
        var registry = served.BuildRegistry(policy: null, ScenarioClock.Frozen(scenario.Now));
        return await new Diagnoser(registry, budget ?? new DiagnosisBudget()).DiagnoseAsync(new DiagnosisRequest
        {
            Alarm = scenario.Alarm.StateChange,
            ClusterName = scenario.Cluster.Name,
            Now = scenario.Now,
            Caller = new ToolCaller("eksops-eval", ToolFace.Internal),
            Logger = QuietLambdaLogger.Instance,
            Metrics = DiscardedMetrics.Instance,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
    }

    public static ScenarioEvaluation Grade(Scenario scenario, DiagnosisResult result, TimeSpan elapsed)
    {
        var expect = scenario.Expect;
        var subjectMatch = expect is not null
            && result.Subject.Kind == expect.Subject.Kind
            && result.Subject.Name == expect.Subject.Name
            && result.Subject.Namespace == expect.Subject.Namespace;
        var forbidden = expect?.Remediation.Forbidden.Contains(result.Proposal.Runbook) ?? false;
        var remediationOk = expect is not null && expect.Remediation.Allowed.Contains(result.Proposal.Runbook) && !forbidden;
        var approvalAsExpected = expect is not null && expect.ApprovalRequired == result.ApprovalRequired;
        return new ScenarioEvaluation
        {
            Id = scenario.Id,
            ExpectedRootCause = expect?.RootCause,
            RootCause = result.RootCause,
            ExpectedSubject = expect is null ? "-" : new ObjectRef(expect.Subject.Kind, expect.Subject.Namespace, expect.Subject.Name).ToString(),
            Subject = result.Subject,
            SubjectMatch = subjectMatch,
            Remediation = result.Proposal.Runbook,
            RemediationOk = remediationOk,
            RemediationForbidden = forbidden,
            ApprovalRequired = result.ApprovalRequired,
            ApprovalAsExpected = approvalAsExpected,
            Pass = expect is not null && expect.RootCause == result.RootCause && subjectMatch && remediationOk && approvalAsExpected,
            Elapsed = elapsed,
            Result = result,
        };
    }

    private static ScenarioEvaluation Failed(Scenario scenario, string error, TimeSpan elapsed) => new()
    {
        Id = scenario.Id,
        ExpectedRootCause = scenario.Expect?.RootCause,
        RootCause = Incidents.RootCause.Unknown,
        ExpectedSubject = scenario.Expect is { } e ? new ObjectRef(e.Subject.Kind, e.Subject.Namespace, e.Subject.Name).ToString() : "-",
        Subject = ObjectRef.Cluster(scenario.Cluster.Name),
        SubjectMatch = false,
        Remediation = Incidents.RunbookId.Escalate,
        RemediationOk = false,
        RemediationForbidden = false,
        ApprovalRequired = false,
        ApprovalAsExpected = false,
        Pass = false,
        Elapsed = elapsed,
        Error = error,
    };
}
