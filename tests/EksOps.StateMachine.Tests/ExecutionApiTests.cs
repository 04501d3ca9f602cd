namespace EksOps.StateMachine.Tests;

/// <summary>The execution API: starting (Standard idempotency, validation), describing, history, the observer, stopping.</summary>
public sealed class ExecutionApiTests
{
    private const string Waits = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"Done"},"Done":{"Type":"Succeed"}}}""";

    private static LocalStepFunctionsException Refused(Action call) => Assert.Throws<LocalStepFunctionsException>(call);

    [Fact]
    public async Task A_start_with_the_same_name_and_input_while_running_returns_the_running_execution()
    {
        await using var harness = new StateMachineHarness(Waits);

        var first = harness.Start("""{"a":1}""", "alarm-1");
        var again = harness.Start("""{"a":1}""", "alarm-1");
        var otherInput = Refused(() => harness.Start("""{"a":2}""", "alarm-1"));

        Assert.Same(first, again);
        Assert.Equal(LocalStepFunctionsException.ExecutionAlreadyExists, otherInput.ErrorCode);
        Assert.Equal($"Execution Already Exists: '{first.ExecutionArn}'", otherInput.Message);
        await harness.Clock.AdvanceToTimerAsync(first.StartDate.AddSeconds(60));
        await StateMachineHarness.FinishAsync(first);
        Assert.Equal(LocalStepFunctionsException.ExecutionAlreadyExists, Refused(() => harness.Start("""{"a":1}""", "alarm-1")).ErrorCode);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a:b")]
    [InlineData("a/b")]
    [InlineData("a$b")]
    [InlineData("")]
    [InlineData("tab\there")]
    public async Task Names_outside_the_rules_are_InvalidName(string name)
    {
        await using var harness = new StateMachineHarness(Waits);

        Assert.Equal(LocalStepFunctionsException.InvalidName, Refused(() => harness.Start("{}", name)).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.InvalidName, Refused(() => harness.Start("{}", new string('n', 81))).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.InvalidName, Refused(() => harness.Service.CreateStateMachine("bad name", StateMachineDefinition.Parse(Waits))).ErrorCode);
    }

    [Fact]
    public async Task Starts_with_bad_input_or_an_unknown_state_machine_are_refused()
    {
        await using var harness = new StateMachineHarness(Waits);

        Assert.Equal(LocalStepFunctionsException.InvalidExecutionInput, Refused(() => harness.Start("{not json")).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.InvalidExecutionInput, Refused(() => harness.Start("\"" + new string('x', 262_144) + "\"")).ErrorCode);
        Assert.Equal(
            LocalStepFunctionsException.StateMachineDoesNotExist,
            Refused(() => harness.Service.StartExecution("arn:aws:states:us-east-1:123456789012:stateMachine:nope")).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.InvalidArn, Refused(() => harness.Service.StartExecution("nope")).ErrorCode);
        Assert.Equal(
            LocalStepFunctionsException.StateMachineAlreadyExists,
            Refused(() => harness.Service.CreateStateMachine("test", StateMachineDefinition.Parse(Waits))).ErrorCode);
    }

    [Fact]
    public async Task Describe_and_history_follow_the_execution_and_the_observer_sees_every_event_in_order()
    {
        await using var harness = new StateMachineHarness(Waits);
        var execution = harness.Start("""{"in":true}""");

        await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.WaitStarted, "the wait");
        var running = harness.Service.DescribeExecution(execution.ExecutionArn);
        await harness.Clock.AdvanceToTimerAsync(execution.StartDate.AddSeconds(60));
        var done = await StateMachineHarness.FinishAsync(execution);

        Assert.Matches("^[0-9a-f-]{36}$", execution.Name);
        Assert.Equal((LocalExecutionStatus.Running, "RUNNING", null, null), (running.Status, running.StatusText, running.StopDate, running.Output));
        Assert.Equal((LocalExecutionStatus.Succeeded, "SUCCEEDED", """{"in":true}"""), (done.Status, done.StatusText, done.Output));
        Assert.Equal(execution.StartDate.AddSeconds(60), done.StopDate);
        var history = harness.Service.GetExecutionHistory(execution.ExecutionArn);
        Assert.Equal(
            ["ExecutionStarted", "WaitStateEntered", null, "WaitStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"],
            history.Select(e => e.WireType));
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(e => e.PreviousEventId));
        Assert.Equal(history, harness.Observed);
        Assert.Equal("Done", history.Single(e => e.Type == ExecutionHistoryEventType.StateExited && e.StateName == "W").NextState);
        Assert.Equal("arn:aws:iam::123456789012:role/eksops-local", history[0].RoleArn);
    }

    [Fact]
    public async Task Unknown_or_malformed_execution_ARNs_are_refused()
    {
        await using var harness = new StateMachineHarness(Waits);

        Assert.Equal(
            LocalStepFunctionsException.ExecutionDoesNotExist,
            Refused(() => harness.Service.DescribeExecution("arn:aws:states:us-east-1:123456789012:execution:test:nope")).ErrorCode);
        Assert.Equal(LocalStepFunctionsException.InvalidArn, Refused(() => harness.Service.GetExecutionHistory("nope")).ErrorCode);
    }

    [Fact]
    public async Task An_observer_that_throws_fails_the_execution_and_is_not_called_again()
    {
        var calls = 0;
        await using var harness = new StateMachineHarness(Asl.OneState("""{"Type":"Pass","End":true}"""), observe: e =>
        {
            calls++;
            if (e.Type == ExecutionHistoryEventType.StateEntered)
            {
                throw new InvalidOperationException("printer jammed");
            }
        });

        var (result, execution) = await harness.RunAsync();

        Assert.Equal((LocalExecutionStatus.Failed, "States.Runtime"), (result.Status, result.Error));
        Assert.Contains("printer jammed", result.Cause, StringComparison.Ordinal);
        Assert.Equal(2, calls);
        Assert.Equal(ExecutionHistoryEventType.ExecutionFailed, execution.History[^1].Type);
    }

    [Fact]
    public async Task StopExecution_aborts_a_waiting_execution_with_the_given_error_and_spends_its_token()
    {
        await using var harness = new StateMachineHarness("""
            {"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"fn","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """);
        var execution = harness.Start();
        await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.TaskSubmitted, "the wait for the token");
        var token = ((ScriptedInvoker)harness.Invoker).Requests.Single().TaskToken!;

        var stopped = await harness.Service.StopExecutionAsync(execution.ExecutionArn, "Operator.Stop", "enough", TestContext.Current.CancellationToken);

        Assert.Equal((LocalExecutionStatus.Aborted, "ABORTED", "Operator.Stop", "enough"), (stopped.Status, stopped.StatusText, stopped.Error, stopped.Cause));
        Assert.Equal(ExecutionHistoryEventType.ExecutionAborted, execution.History[^1].Type);
        Assert.Equal(LocalStepFunctionsException.TaskDoesNotExist, Refused(() => harness.Service.SendTaskSuccess(token, "{}")).ErrorCode);
        var again = await harness.Service.StopExecutionAsync(execution.ExecutionArn, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Operator.Stop", again.Error);
    }

    [Fact]
    public async Task Disposing_the_service_aborts_what_still_runs()
    {
        var harness = new StateMachineHarness(Waits);
        var execution = harness.Start();
        await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.WaitStarted, "the wait");

        await harness.DisposeAsync();

        Assert.Equal(LocalExecutionStatus.Aborted, (await execution.Completion).Status);
        Assert.Throws<ObjectDisposedException>(() => harness.Start());
    }

    [Fact]
    public async Task Executions_of_several_state_machines_run_side_by_side()
    {
        await using var harness = new StateMachineHarness(Waits);
        var other = harness.Service.CreateStateMachine("other", StateMachineDefinition.Parse(Asl.OneState("""{"Type":"Pass","Result":"other","End":true}""")));

        var waiting = harness.Start();
        var quick = harness.Service.StartExecution(other, "x");

        Assert.Equal("\"other\"", (await StateMachineHarness.FinishAsync(quick)).Output);
        Assert.Equal(LocalExecutionStatus.Running, waiting.Describe().Status);
        Assert.Equal(new[] { harness.StateMachineArn, other }.Order(), harness.Service.StateMachineArns);
    }
}
