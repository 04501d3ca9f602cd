namespace EksOps.StateMachine.Tests;

/// <summary><c>.waitForTaskToken</c>: the token, the answers, and the errors of the callback API.</summary>
public sealed class TaskTokenTests
{
    private const string Definition = """
        {"StartAt":"S","States":{
          "S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
               "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token","item.$":"$.item"}},
               "ResultPath":"$.answer","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
          "Caught":{"Type":"Pass","End":true}}}
        """;

    private static async Task<(StateMachineHarness Harness, LocalExecution Execution, string Token)> StartWaitingAsync(ILambdaTaskInvoker? invoker = null)
    {
        var harness = new StateMachineHarness(Definition, invoker ?? new ScriptedInvoker(_ => LambdaInvocationResult.Success("""{"ignored":true}""")));
        var execution = harness.Start("""{"item":"x"}""");
        await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.TaskSubmitted, "the task to wait for its token");
        var token = JsonNode.Parse(((ScriptedInvoker)harness.Invoker).Requests.Single().Payload)!["token"]!.GetValue<string>();
        return (harness, execution, token);
    }

    [Fact]
    public async Task SendTaskSuccess_output_becomes_the_task_result_and_the_function_output_is_ignored()
    {
        var (harness, execution, token) = await StartWaitingAsync();
        await using var _ = harness;

        Assert.Equal(token, ((ScriptedInvoker)harness.Invoker).Requests.Single().TaskToken);
        Assert.Equal(LocalExecutionStatus.Running, execution.Describe().Status);
        harness.Service.SendTaskSuccess(token, """{"approved":true}""");
        var result = await StateMachineHarness.FinishAsync(execution);

        JsonValuesForTests.Equal("""{"item":"x","answer":{"approved":true}}""", result.Output);
        JsonValuesForTests.Equal("""{"ignored":true}""", JsonNode.Parse(execution.History.Single(e => e.Type == ExecutionHistoryEventType.TaskSubmitted).Output!)!["Payload"]!.ToJsonString());
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_its_error_and_cause()
    {
        var (harness, execution, token) = await StartWaitingAsync();
        await using var _ = harness;

        harness.Service.SendTaskFailure(token, "ApprovalDenied", "not now");
        var result = await StateMachineHarness.FinishAsync(execution);

        JsonValuesForTests.Equal("""{"item":"x","error":{"Error":"ApprovalDenied","Cause":"not now"}}""", result.Output);
    }

    [Fact]
    public async Task SendTaskFailure_without_error_or_cause_fails_with_empty_ones()
    {
        var (harness, execution, token) = await StartWaitingAsync();
        await using var _ = harness;

        harness.Service.SendTaskFailure(token);
        var result = await StateMachineHarness.FinishAsync(execution);

        JsonValuesForTests.Equal("""{"item":"x","error":{"Error":"","Cause":""}}""", result.Output);
    }

    [Fact]
    public async Task Callbacks_are_refused_with_the_service_errors()
    {
        var (harness, execution, token) = await StartWaitingAsync();
        await using var _ = harness;

        Assert.Equal(LocalStepFunctionsException.InvalidOutput, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskSuccess(token, "{not json")).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.InvalidToken, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskSuccess("not-a-token", "{}")).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskHeartbeat("EKSOPS" + new string('A', 64))).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.ValidationException, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskFailure(token, new string('e', 257))).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.ValidationException, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskSuccess(token, "\"" + new string('x', 262_144) + "\"")).ErrorCode);
        harness.Service.SendTaskHeartbeat(token);
        harness.Service.SendTaskSuccess(token, "{}");
        await StateMachineHarness.FinishAsync(execution);
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskSuccess(token, "{}")).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskFailure(token, "x")).ErrorCode);
    }

    [Fact]
    public async Task An_answer_sent_while_the_function_still_runs_completes_the_task()
    {
        LocalStepFunctions? service = null;
        var invoker = new ScriptedInvoker(request =>
        {
            service!.SendTaskSuccess(request.TaskToken!, """{"early":true}""");
            return LambdaInvocationResult.Success("{}");
        });
        await using var harness = new StateMachineHarness(Definition, invoker);
        service = harness.Service;

        var (result, _) = await harness.RunAsync("""{"item":"x"}""");

        JsonValuesForTests.Equal("""{"item":"x","answer":{"early":true}}""", result.Output);
    }

    [Fact]
    public async Task A_failing_invocation_fails_the_task_and_spends_the_token()
    {
        await using var harness = new StateMachineHarness(Definition, new ScriptedInvoker(_ => ScriptedInvoker.Error("PublishFailed")));

        var (result, _) = await harness.RunAsync("""{"item":"x"}""");

        Assert.Equal("PublishFailed", JsonNode.Parse(result.Output!)!["error"]!["Error"]!.GetValue<string>());
        var token = ((ScriptedInvoker)harness.Invoker).Requests.Single().TaskToken!;
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskSuccess(token, "{}")).ErrorCode);
    }

    [Fact]
    public async Task Every_attempt_gets_a_token_of_its_own()
    {
        var invoker = ScriptedInvoker.Sequence(_ => ScriptedInvoker.Error("Flaky"), _ => LambdaInvocationResult.Success("{}"));
        await using var harness = new StateMachineHarness("""
            {"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"fn","Payload":{"token.$":"$$.Task.Token"}},"Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1}],"End":true}}}
            """, invoker);
        var execution = harness.Start();

        var retry = await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.RetryScheduled, "the retry");
        await harness.Clock.AdvanceToTimerAsync(retry.Timestamp + retry.Delay!.Value);
        await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.TaskSubmitted, "the second attempt to wait");
        var tokens = invoker.Requests.Select(r => r.TaskToken!).ToList();
        Assert.Equal(2, tokens.Distinct().Count());
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskSuccess(tokens[0], "{}")).ErrorCode);
        harness.Service.SendTaskSuccess(tokens[1], """{"second":true}""");

        JsonValuesForTests.Equal("""{"second":true}""", (await StateMachineHarness.FinishAsync(execution)).Output);
    }
}
