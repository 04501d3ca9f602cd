using System.Diagnostics;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Diagnosis;
using EksOps.Scenarios;
using EksOps.Simulation;
using EksOps.Tools;
using EksOps.Tools.Readers;

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
        var folder = Directory.CreateTempSubdirectory("eksops-eval-");
        try
        {
            var result = await DiagnoseAsync(scenario, Path.Combine(folder.FullName, "kubeconfig"), budget, cancellationToken).ConfigureAwait(false);
            return Grade(scenario, result, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(scenario, $"{e.GetType().Name}: {e.Message}", Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary kubeconfig is harmless.
            }
        }
    }

    public static async Task<DiagnosisResult> DiagnoseAsync(Scenario scenario, string kubeconfigPath, DiagnosisBudget? budget, CancellationToken cancellationToken)
    {
        await using var environment = await ScenarioEnvironment.StartAsync(scenario, kubeconfigPath, cancellationToken).ConfigureAwait(false);
        var cluster = new ClusterInfo
        {
            Name = scenario.Cluster.Name,
            Region = scenario.Cluster.Region,
            AccountId = scenario.Cluster.AccountId,
            Environment = scenario.Cluster.Environment,
            Kubeconfig = kubeconfigPath,
        };
        using var clients = new KubeconfigClientFactory();
        // The simulator accepts any SigV4 signature; these are the documented placeholder keys, not credentials.
        var options = new AwsClientOptions
        {
            Region = scenario.Cluster.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        options.Endpoints["monitoring"] = environment.CloudWatch.Endpoint;
        options.Endpoints["logs"] = environment.CloudWatch.Endpoint;
        using var pipeline = new AwsHttpPipeline(options);
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([cluster], cluster.Name), new ToolPolicy(new ToolPolicyOptions())).Add(ToolCatalog.All);
        ReadToolHandlers.BindAll(builder, clients, _ => pipeline, new ScenarioClock(scenario.Now));
        foreach (var definition in ToolCatalog.All.Where(d => !ReadToolHandlers.Implemented.Contains(d.Name)))
        {
            builder.Without(definition.Name);
        }

        return await new Diagnoser(builder.Build(), budget ?? new DiagnosisBudget()).DiagnoseAsync(new DiagnosisRequest
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
