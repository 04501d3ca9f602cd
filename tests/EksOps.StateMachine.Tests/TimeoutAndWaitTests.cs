namespace EksOps.StateMachine.Tests;

/// <summary>Task timeouts, heartbeats, the execution timeout and Wait states, all on a clock the test moves.</summary>
public sealed class TimeoutAndWaitTests
{
    /// <summary>An invoker that never answers; it records whether it was told to give up.</summary>
    private sealed class HangingInvoker : ILambdaTaskInvoker
    {
        public bool Cancelled { get; private set; }

        public async Task<LambdaInvocationResult> InvokeAsync(LambdaInvocationRequest request, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    private const string Caught = ""","Caught":{"Type":"Pass","End":true}""";

    [Fact]
    public async Task A_task_past_TimeoutSeconds_fails_with_States_Timeout_and_its_invocation_is_cancelled()
    {
        var invoker = new HangingInvoker();
        await using var harness = new StateMachineHarness(Asl.Machine("""
            "S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"TimeoutSeconds":30,
                 "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Caught"}],"End":true}
            """ + Caught), invoker);
        var execution = harness.Start();

        await harness.Clock.AdvanceToTimerAsync(execution.StartDate.AddSeconds(30));
        var result = await StateMachineHarness.FinishAsync(execution);

        Assert.Equal("Caught", execution.EnteredStates[^1]);
        Assert.Equal("States.Timeout", JsonNode.Parse(result.Output!)!["Error"]!.GetValue<string>());
        var timedOut = execution.History.Single(e => e.Type == ExecutionHistoryEventType.TaskTimedOut);
        Assert.Equal(TimeSpan.FromSeconds(30), timedOut.Duration);
        await Eventually.ThatAsync(() => invoker.Cancelled, "the invoker to be cancelled");
    }

    [Theory]
    [InlineData("""{"t":45}""", null)]
    [InlineData("""{"t":0}""", "not a positive integer")]
    [InlineData("""{"t":"45"}""", "not a positive integer")]
    [InlineData("""{}""", "Invalid path '$.t'")]
    public async Task TimeoutSecondsPath_reads_the_timeout_from_the_input(string input, string? failure)
    {
        await using var harness = new StateMachineHarness(
            Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"TimeoutSecondsPath":"$.t","End":true}"""),
            new HangingInvoker());
        var execution = harness.Start(input);

        if (failure is null)
        {
            await harness.Clock.AdvanceToTimerAsync(execution.StartDate.AddSeconds(45));
        }

        var result = await StateMachineHarness.FinishAsync(execution);
        Assert.Equal(failure is null ? "States.Timeout" : "States.Runtime", result.Error);
        if (failure is not null)
        {
            Assert.Contains(failure, result.Cause, StringComparison.Ordinal);
        }
    }

    private const string Callback = """
        "S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"fn","Payload":{"token.$":"$$.Task.Token"}},
             "HeartbeatSeconds":10,"TimeoutSeconds":100,"Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"TaskFailed"},{"ErrorEquals":["States.Timeout"],"Next":"Caught"}],"End":true},
        "TaskFailed":{"Type":"Pass","End":true}
        """;

    [Fact]
    public async Task Heartbeats_keep_a_callback_task_alive_and_a_missed_one_is_a_HeartbeatTimeout()
    {
        await using var harness = new StateMachineHarness(Asl.Machine(Callback + Caught));
        var execution = harness.Start();
        var submitted = await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.TaskSubmitted, "the task to wait for its token");
        var token = JsonNode.Parse(JsonNode.Parse(submitted.Output!)!["Payload"]!.ToJsonString())!["token"]!.GetValue<string>();
        var start = harness.Clock.GetUtcNow();

        harness.Clock.Advance(TimeSpan.FromSeconds(6));
        harness.Service.SendTaskHeartbeat(token);
        // The heartbeat restarted the clock: 10 s from now (t = 16 s), not from the start (t = 10 s).
        await harness.Clock.AdvanceToTimerAsync(start.AddSeconds(16));
        var result = await StateMachineHarness.FinishAsync(execution);

        Assert.Equal("Caught", execution.EnteredStates[^1]);
        Assert.Equal("States.HeartbeatTimeout", JsonNode.Parse(result.Output!)!["Error"]!.GetValue<string>());
        var late = Assert.Throws<LocalStepFunctionsException>(() => harness.Service.SendTaskHeartbeat(token));
        Assert.Equal(LocalStepFunctionsException.TaskTimedOut, late.ErrorCode);
    }

    [Fact]
    public async Task A_callback_task_that_outlives_TimeoutSeconds_times_out_even_with_heartbeats()
    {
        await using var harness = new StateMachineHarness(Asl.Machine(Callback + Caught));
        var execution = harness.Start();
        var submitted = await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.TaskSubmitted, "the task to wait for its token");
        var token = JsonNode.Parse(submitted.Output!)!["Payload"]!["token"]!.GetValue<string>();

        for (var second = 8; second <= 96; second += 8)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(8));
            harness.Service.SendTaskHeartbeat(token);
            var renewed = harness.Clock.GetUtcNow().AddSeconds(10);
            await Eventually.ThatAsync(() => harness.Clock.PendingDueTimes.Contains(renewed), "the heartbeat clock to restart");
        }

        await harness.Clock.AdvanceToTimerAsync(execution.StartDate.AddSeconds(100));
        var result = await StateMachineHarness.FinishAsync(execution);

        Assert.Equal("States.Timeout", JsonNode.Parse(result.Output!)!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_execution_TimeoutSeconds_ends_it_as_TIMED_OUT()
    {
        await using var harness = new StateMachineHarness("""
            {"StartAt":"S","TimeoutSeconds":60,"States":{"S":{"Type":"Wait","Seconds":3600,"End":true}}}
            """);
        var execution = harness.Start();

        await harness.Clock.AdvanceToTimerAsync(execution.StartDate.AddSeconds(60));
        var result = await StateMachineHarness.FinishAsync(execution);

        Assert.Equal((LocalExecutionStatus.TimedOut, "TIMED_OUT", "States.Timeout"), (result.Status, result.StatusText, result.Error));
        Assert.Equal(ExecutionHistoryEventType.ExecutionTimedOut, execution.History[^1].Type);
    }

    [Theory]
    [InlineData("""{"Type":"Wait","Seconds":90,"End":true}""", "{}", 90)]
    [InlineData("""{"Type":"Wait","SecondsPath":"$.wait","End":true}""", """{"wait":45}""", 45)]
    [InlineData("""{"Type":"Wait","Timestamp":"2026-01-01T01:00:00Z","End":true}""", "{}", 3600)]
    [InlineData("""{"Type":"Wait","TimestampPath":"$.until","End":true}""", """{"until":"2026-01-01T00:02:00+00:00"}""", 120)]
    public async Task Wait_states_wait_on_the_clock(string state, string input, int seconds)
    {
        await using var harness = new StateMachineHarness(Asl.OneState(state));
        var execution = harness.Start(input);

        var started = await StateMachineHarness.WaitForEventAsync(execution, e => e.Type == ExecutionHistoryEventType.WaitStarted, "the wait");
        Assert.Equal(TimeSpan.FromSeconds(seconds), started.Delay);
        Assert.False(execution.Completion.IsCompleted);
        await harness.Clock.AdvanceToTimerAsync(execution.StartDate.AddSeconds(seconds));
        var result = await StateMachineHarness.FinishAsync(execution);

        JsonValuesForTests.Equal(input, result.Output);
        Assert.Equal(TimeSpan.FromSeconds(seconds), execution.History.Single(e => e.Type == ExecutionHistoryEventType.StateExited).Duration);
    }

    [Fact]
    public async Task A_timestamp_in_the_past_does_not_wait()
    {
        await using var harness = new StateMachineHarness(Asl.OneState("""{"Type":"Wait","Timestamp":"2025-01-01T00:00:00Z","End":true}"""));

        var (result, _) = await harness.RunAsync();

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
    }

    [Theory]
    [InlineData("""{"Type":"Wait","SecondsPath":"$.wait","End":true}""", """{"wait":-1}""")]
    [InlineData("""{"Type":"Wait","SecondsPath":"$.wait","End":true}""", """{"wait":1.5}""")]
    [InlineData("""{"Type":"Wait","SecondsPath":"$.wait","End":true}""", "{}")]
    [InlineData("""{"Type":"Wait","TimestampPath":"$.wait","End":true}""", """{"wait":"tomorrow"}""")]
    public async Task A_wait_path_without_a_usable_value_is_a_runtime_error(string state, string input)
    {
        await using var harness = new StateMachineHarness(Asl.OneState(state));

        var (result, _) = await harness.RunAsync(input);

        Assert.Equal((LocalExecutionStatus.Failed, "States.Runtime"), (result.Status, result.Error));
    }
}
