namespace EksOps.StateMachine.Tests;

/// <summary>
/// <c>statemachine/incident.asl.json</c> itself, run by the local executor with scripted task results: every path the
/// flow can take, and what each step was given.
/// </summary>
public sealed class IncidentFlowTests
{
    private static readonly string[] Head = ["Diagnose", "Analyze", "Plan", "Decide"];

    private static string[] Steps(IncidentScript script) => [.. script.Invocations.Select(i => i.Payload["step"]!.GetValue<string>())];

    private static JsonObject PayloadOf(IncidentScript script, string step) => script.Invocations.Last(i => i.Payload["step"]!.GetValue<string>() == step).Payload;

    [Fact]
    public async Task Auto_remediation_applies_waits_verifies_and_reports()
    {
        var script = new IncidentScript(decision: "auto", verification: "recovered");
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input(verifyWaitSeconds: 120));

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal([.. Head, "Apply", "WaitBeforeVerify", "Verify", "VerifyOutcome", "Report", "Done"], execution.EnteredStates);
        Assert.Equal([TimeSpan.FromSeconds(120)], run.ClockMoves);
        Assert.Equal(["diagnose", "analyze", "plan", "apply", "verify", "report"], Steps(script));
        Assert.Equal(["Investigate", "Investigate", "Remediate", "Remediate", "Investigate", "Report"], script.Invocations.Select(i => i.Function));
        var output = JsonNode.Parse(result.Output!)!;
        Assert.Equal("auto", output["plan"]!["result"]!["decision"]!.GetValue<string>());
        Assert.Equal("recovered", output["verification"]!["result"]!["outcome"]!.GetValue<string>());
        Assert.Equal("reported", output["report"]!["result"]!["status"]!.GetValue<string>());
        Assert.Null(output["error"]);
        JsonValuesForTests.Equal(
            """{"step":"diagnose","incidentId":"inc-1","alarm":{"alarmName":"checkout-restarts","state":{"value":"ALARM"}}}""",
            PayloadOf(script, "diagnose").ToJsonString());
    }

    [Fact]
    public async Task Approval_hands_out_a_token_and_the_approved_change_is_applied()
    {
        var script = new IncidentScript(decision: "approve") { Approval = ApprovalAnswer.Approve };
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input(approvalTimeoutSeconds: 3600));

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal([.. Head, "RequestApproval", "Apply", "WaitBeforeVerify", "Verify", "VerifyOutcome", "Report", "Done"], execution.EnteredStates);
        var request = PayloadOf(script, "request");
        Assert.Equal(script.ApprovalToken, request["taskToken"]!.GetValue<string>());
        Assert.Equal(3600, request["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal(IncidentDefinition.ApprovalUrl, request["approvalUrl"]!.GetValue<string>());
        JsonValuesForTests.Equal(IncidentDefinition.ApprovedOutput, JsonNode.Parse(result.Output!)!["approval"]!.ToJsonString());
        var scheduled = execution.History.Single(e => e.Type == ExecutionHistoryEventType.TaskScheduled && e.StateName == "RequestApproval");
        Assert.Equal(3600, scheduled.TimeoutSeconds);
        Assert.Contains(execution.History, e => e.Type == ExecutionHistoryEventType.TaskSubmitted && e.StateName == "RequestApproval");
        // The token is spent: a second answer is refused.
        var late = Assert.Throws<LocalStepFunctionsException>(() => run.Service.SendTaskSuccess(script.ApprovalToken!, "{}"));
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, late.ErrorCode);
    }

    [Fact]
    public async Task A_denied_approval_escalates_with_the_denial_and_applies_nothing()
    {
        var script = new IncidentScript(decision: "approve") { Approval = ApprovalAnswer.Deny };
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal([.. Head, "RequestApproval", "Escalate", "Escalated"], execution.EnteredStates);
        Assert.DoesNotContain("apply", Steps(script));
        var state = PayloadOf(script, "escalate")["state"]!;
        Assert.Equal("ApprovalDenied", state["error"]!["Error"]!.GetValue<string>());
        Assert.Equal(LocalIncidentRun.DenialCause, state["error"]!["Cause"]!.GetValue<string>());
        var caught = execution.History.Single(e => e.Type == ExecutionHistoryEventType.ErrorCaught);
        Assert.Equal(("RequestApproval", "ApprovalDenied", "Escalate"), (caught.StateName, caught.Error, caught.NextState));
    }

    [Fact]
    public async Task An_unanswered_approval_times_out_and_escalates_as_ApprovalTimedOut()
    {
        var script = new IncidentScript(decision: "approve") { Approval = ApprovalAnswer.None };
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input(approvalTimeoutSeconds: 900));

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal([.. Head, "RequestApproval", "ApprovalTimedOut", "Escalate", "Escalated"], execution.EnteredStates);
        Assert.Equal([TimeSpan.FromSeconds(900)], run.ClockMoves);
        Assert.Contains(execution.History, e => e.Type == ExecutionHistoryEventType.TaskTimedOut && e.Error == "States.Timeout");
        JsonValuesForTests.Equal(
            """{"Error":"ApprovalTimedOut","Cause":"No approval decision arrived before the approval timeout."}""",
            PayloadOf(script, "escalate")["state"]!["error"]!.ToJsonString());
        var late = Assert.Throws<LocalStepFunctionsException>(() => run.Service.SendTaskSuccess(script.ApprovalToken!, IncidentDefinition.ApprovedOutput));
        Assert.Equal(LocalStepFunctionsException.TaskTimedOut, late.ErrorCode);
    }

    [Fact]
    public async Task A_failed_verification_rolls_back_and_escalates()
    {
        var script = new IncidentScript(decision: "auto", verification: "failed");
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal(
            [.. Head, "Apply", "WaitBeforeVerify", "Verify", "VerifyOutcome", "Rollback", "VerificationFailed", "Escalate", "Escalated"],
            execution.EnteredStates);
        var state = PayloadOf(script, "escalate")["state"]!;
        Assert.Equal("VerificationFailed", state["error"]!["Error"]!.GetValue<string>());
        Assert.True(state["rollback"]!["result"]!["rolledBack"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_pending_verification_reports()
    {
        var script = new IncidentScript(decision: "auto", verification: "pending");
        await using var run = new LocalIncidentRun(script);

        var (_, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal("Done", execution.EnteredStates[^1]);
        Assert.Contains("Report", execution.EnteredStates);
    }

    [Fact]
    public async Task A_decision_to_escalate_goes_straight_to_Escalate()
    {
        var script = new IncidentScript(decision: "escalate");
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal([.. Head, "Escalate", "Escalated"], execution.EnteredStates);
        Assert.Equal(["diagnose", "analyze", "plan", "escalate"], Steps(script));
        Assert.Null(PayloadOf(script, "escalate")["state"]!["error"]);
    }

    [Fact]
    public async Task A_function_error_the_retriers_do_not_name_is_caught_at_once_and_escalated()
    {
        var script = new IncidentScript().Then("analyze", TaskOutcome.FunctionError("InvalidOperationException", "no analyzer matched"));
        await using var run = new LocalIncidentRun(script);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal(["Diagnose", "Analyze", "Escalate", "Escalated"], execution.EnteredStates);
        Assert.Empty(run.ClockMoves);
        Assert.DoesNotContain(execution.History, e => e.Type == ExecutionHistoryEventType.RetryScheduled);
        var error = PayloadOf(script, "escalate")["state"]!["error"]!;
        Assert.Equal("InvalidOperationException", error["Error"]!.GetValue<string>());
        JsonValuesForTests.Equal("""{"errorType":"InvalidOperationException","errorMessage":"no analyzer matched"}""", error["Cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_throttled_function_is_retried_four_times_with_capped_jittered_backoff_then_caught()
    {
        var throttled = TaskOutcome.FunctionError("AwsThrottlingException", "Rate exceeded");
        var script = new IncidentScript().Then("diagnose", throttled, throttled, throttled, throttled, throttled);
        await using var run = new LocalIncidentRun(script, jitter: 0.5);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal(["Diagnose", "Escalate", "Escalated"], execution.EnteredStates);
        Assert.Equal(5, Steps(script).Count(s => s == "diagnose"));
        // IntervalSeconds 2, BackoffRate 2, MaxDelaySeconds 30, full jitter at 0.5: 2, 4, 8, 16 seconds halved.
        Assert.Equal([1, 2, 4, 8], run.ClockMoves.Select(m => m.TotalSeconds));
        Assert.Equal([1, 2, 3, 4], execution.History.Where(e => e.Type == ExecutionHistoryEventType.RetryScheduled).Select(e => e.RetryAttempt!.Value));
        Assert.Equal("AwsThrottlingException", JsonNode.Parse(result.Output!)!["error"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lambda_TooManyRequestsException_is_retried_and_the_flow_goes_on()
    {
        var script = new IncidentScript().Then("plan", TaskOutcome.Throttled(), TaskOutcome.Throttled());
        await using var run = new LocalIncidentRun(script, jitter: 0.25);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input(verifyWaitSeconds: 60));

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        Assert.Equal("Done", execution.EnteredStates[^1]);
        Assert.Equal(3, Steps(script).Count(s => s == "plan"));
        Assert.Equal([0.5, 1, 60], run.ClockMoves.Select(m => m.TotalSeconds));
        Assert.All(
            execution.History.Where(e => e.Type == ExecutionHistoryEventType.TaskFailed),
            e => Assert.Equal(("Plan", "Lambda.TooManyRequestsException"), (e.StateName, e.Error)));
    }

    [Fact]
    public async Task A_failing_escalation_is_retried_then_ends_in_ReportFailed()
    {
        var broken = TaskOutcome.FunctionError("IOException", "event bus unreachable");
        var script = new IncidentScript(decision: "escalate").Then("escalate", broken, broken, broken, broken, broken, broken, broken);
        await using var run = new LocalIncidentRun(script, jitter: 0.5);

        var (result, execution) = await run.RunAsync(IncidentDefinition.Input());

        Assert.Equal(LocalExecutionStatus.Failed, result.Status);
        Assert.Equal(("ReportFailed", "The escalation report could not be written or published; see the execution history."), (result.Error, result.Cause));
        Assert.Equal([.. Head, "Escalate", "ReportFailed"], execution.EnteredStates);
        // States.ALL, IntervalSeconds 2, BackoffRate 2, MaxDelaySeconds 60, MaxAttempts 6, jitter 0.5.
        Assert.Equal([1, 2, 4, 8, 16, 30], run.ClockMoves.Select(m => m.TotalSeconds));
    }
}
