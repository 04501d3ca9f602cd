using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Diagnosis.Agent;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Lambda;
using EksOps.Testing.Bedrock;
using EksOps.Testing.Scenarios;

namespace EksOps.Local.Tests;

/// <summary>
/// Faults injected into the whole local flow: each ends with the incident escalated, a report written, and nothing
/// applied twice (or at all, where the fault comes before the change).
/// </summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_kubernetes_api_that_times_out_escalates_with_a_report_and_changes_nothing()
    {
        var scenario = Scenarios.ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, "docs-portal-restarts-dev"));
        await using var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        using var timingOut = new TimingOutKubernetes(served.Cluster.Kubeconfig!);
        await using var flow = await LocalIncidentFlow.StartAsync(served, new LocalFlowOptions { KubernetesClients = timingOut, VerifyWaitSeconds = 0 }, TestContext.Current.CancellationToken);

        var result = await flow.ReplayAsync(cancellationToken: TestContext.Current.CancellationToken);

        AssertEscalatedWithReport(result);
        Assert.Empty(result.Applied());
        Assert.Empty(served.Environment.Kubernetes.Writes);
    }

    [Fact]
    public async Task Bedrock_throttling_in_always_mode_is_retried_by_the_state_machine_then_escalated()
    {
        await using var bedrock = FakeBedrockAgentRuntime.Script(new ErrorReply(429, "ThrottlingException", "Rate exceeded"));
        var time = new CompressedTime();
        using var pipeline = bedrock.Pipeline(o => o.TimeProvider = time);
        var result = await ReplayRun.RunAsync("docs-portal-restarts-dev", new LocalFlowOptions
        {
            VerifyWaitSeconds = 0,
            Bedrock = new BedrockAgentRuntimeClient(pipeline),
            AnalystOptions = new BedrockAnalystOptions { Mode = AnalystMode.Always, AgentId = "AGENT12345", AgentAliasId = "ALIAS12345" },
            StepFunctionsTime = time,
        });

        AssertEscalatedWithReport(result);
        Assert.Empty(result.Applied());
        Assert.Equal(4, result.History.Count(e => e.Type == ExecutionHistoryEventType.RetryScheduled && e.StateName == "Analyze")); // MaxAttempts 4
        Assert.Contains(result.History, e => e.Type == ExecutionHistoryEventType.ErrorCaught && e.StateName == "Analyze" && e.Error == "AwsThrottlingException");
    }

    [Fact]
    public async Task A_lambda_task_failing_escalates_with_a_report_and_changes_nothing()
    {
        var result = await ReplayRun.RunAsync("docs-portal-restarts-dev", new LocalFlowOptions
        {
            VerifyWaitSeconds = 0,
            Intercept = (request, invoke) => request.StateName == "Plan"
                ? Task.FromResult(LambdaInvocationResult.FunctionError("""{"errorType":"InvalidOperationException","errorMessage":"injected fault"}"""))
                : invoke(),
        });

        AssertEscalatedWithReport(result);
        Assert.Empty(result.Applied());
        Assert.Contains(result.History, e => e.Type == ExecutionHistoryEventType.ErrorCaught && e.StateName == "Plan" && e.Error == "InvalidOperationException");
    }

    [Fact]
    public async Task An_approval_that_times_out_escalates_and_changes_nothing()
    {
        var result = await ReplayRun.RunAsync("checkout-restarts-prod", new LocalFlowOptions { Approve = ApprovalMode.Ignore, ApprovalTimeoutSeconds = 1, VerifyWaitSeconds = 0 });

        AssertEscalatedWithReport(result);
        Assert.Empty(result.Applied());
        Assert.Equal(["Diagnose", "Analyze", "Plan", "Decide", "RequestApproval", "ApprovalTimedOut", "Escalate", "Escalated"], result.StatePath());
    }

    [Fact]
    public async Task A_retried_apply_whose_first_response_was_lost_applies_the_change_once()
    {
        int applies = 0;
        var time = new CompressedTime();
        var result = await ReplayRun.RunAsync("docs-portal-restarts-dev", new LocalFlowOptions
        {
            VerifyWaitSeconds = 0,
            StepFunctionsTime = time,
            Intercept = async (request, invoke) =>
            {
                var answer = await invoke();
                if (request.StateName == "Apply" && Interlocked.Increment(ref applies) == 1)
                {
                    // The change went through, but Step Functions never heard back: it retries Apply.
                    throw new LambdaServiceException("ServiceException", "injected: the response was lost");
                }

                return answer;
            },
        });

        Assert.Equal(2, applies);
        Assert.Equal(LocalExecutionStatus.Succeeded, result.Execution.Status);
        Assert.Equal(IncidentStatus.Monitoring, result.Status());
        Assert.Single(result.Applied());
        Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.RemediationApplied);
        Assert.Contains(result.History, e => e.Type == ExecutionHistoryEventType.RetryScheduled && e.StateName == "Apply");
    }

    private static void AssertEscalatedWithReport(LocalReplayResult result)
    {
        Assert.Equal(LocalExecutionStatus.Succeeded, result.Execution.Status);
        Assert.Equal("Escalated", result.StatePath()[^1]);
        Assert.Equal(IncidentStatus.Escalated, result.Status());
        Assert.NotNull(result.Report);
        Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.IncidentEscalated);
    }
}
