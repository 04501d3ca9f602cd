namespace EksOps.StateMachine.Tests;

/// <summary>Retry (matching, backoff, caps, jitter, counters per retrier) and Catch, on a clock the test moves.</summary>
public sealed class RetryCatchTests
{
    private static string Task(string retry, string @catch = """[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]""") => Asl.Machine($$$"""
        "S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn","Payload":{"retries.$":"$$.State.RetryCount"}},
             "Retry":{{{retry}}},"Catch":{{{@catch}}},"ResultSelector":{"retries.$":"$.Payload.retries"},"End":true},
        "Caught":{"Type":"Pass","End":true}
        """);

    private static Func<LambdaInvocationRequest, LambdaInvocationResult> Fail(string errorType) => _ => ScriptedInvoker.Error(errorType);

    private static Func<LambdaInvocationRequest, LambdaInvocationResult> Succeed() => request => LambdaInvocationResult.Success(request.Payload);

    /// <summary>Lets every retry wait pass, in order, and returns the waits.</summary>
    private static async Task<List<TimeSpan>> LetRetriesPassAsync(StateMachineHarness harness, LocalExecution execution)
    {
        var waits = new List<TimeSpan>();
        while (true)
        {
            await Eventually.ThatAsync(
                () => execution.Completion.IsCompleted || execution.History.Count(e => e.Type == ExecutionHistoryEventType.RetryScheduled) > waits.Count,
                "the next retry or the end");
            if (execution.Completion.IsCompleted)
            {
                return waits;
            }

            var retry = execution.History.Where(e => e.Type == ExecutionHistoryEventType.RetryScheduled).ElementAt(waits.Count);
            waits.Add(retry.Delay!.Value);
            if (retry.Delay > TimeSpan.Zero)
            {
                await harness.Clock.AdvanceToTimerAsync(retry.Timestamp + retry.Delay.Value);
            }
        }
    }

    [Fact]
    public async Task Backoff_grows_by_BackoffRate_and_is_capped_by_MaxDelaySeconds()
    {
        await using var harness = new StateMachineHarness(
            Task("""[{"ErrorEquals":["Flaky"],"IntervalSeconds":3,"BackoffRate":1.5,"MaxAttempts":4,"MaxDelaySeconds":6}]"""),
            ScriptedInvoker.Sequence(Fail("Flaky"), Fail("Flaky"), Fail("Flaky"), Fail("Flaky"), Fail("Flaky")));
        var execution = harness.Start();

        var waits = await LetRetriesPassAsync(harness, execution);

        Assert.Equal([3, 4.5, 6, 6], waits.Select(w => w.TotalSeconds));
        Assert.Equal(harness.Clock.GetUtcNow() - execution.StartDate, TimeSpan.FromSeconds(19.5));
        Assert.Equal("Caught", execution.EnteredStates[^1]);
        Assert.Equal(0, harness.Random.Draws);
    }

    [Fact]
    public async Task Full_jitter_scales_each_wait_by_a_draw_from_the_injected_random_source()
    {
        await using var harness = new StateMachineHarness(
            Task("""[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"MaxAttempts":3,"JitterStrategy":"FULL"}]"""),
            ScriptedInvoker.Sequence(Fail("Flaky"), Fail("Flaky"), Succeed()),
            jitter: 0.25);
        var execution = harness.Start();

        var waits = await LetRetriesPassAsync(harness, execution);

        Assert.Equal([0.5, 1], waits.Select(w => w.TotalSeconds));
        Assert.Equal(2, harness.Random.Draws);
        JsonValuesForTests.Equal("""{"retries":2}""", execution.Describe().Output);
    }

    [Fact]
    public async Task Each_retrier_counts_its_own_attempts_and_an_exhausted_one_hands_over_to_Catch()
    {
        // The AWS documentation's example: ErrorA, ErrorB, ErrorC, ErrorB wait 1, 2 and 5 seconds, then the fourth
        // error finds its retrier exhausted and is caught.
        await using var harness = new StateMachineHarness(
            Task("""[{"ErrorEquals":["ErrorA","ErrorB"],"IntervalSeconds":1,"BackoffRate":2.0,"MaxAttempts":2},{"ErrorEquals":["ErrorC"],"IntervalSeconds":5}]"""),
            ScriptedInvoker.Sequence(Fail("ErrorA"), Fail("ErrorB"), Fail("ErrorC"), Fail("ErrorB")));
        var execution = harness.Start();

        var waits = await LetRetriesPassAsync(harness, execution);

        Assert.Equal([1, 2, 5], waits.Select(w => w.TotalSeconds));
        Assert.Equal(["S", "Caught"], execution.EnteredStates);
        JsonValuesForTests.Equal("""{"Error":"ErrorB","Cause":"{\"errorType\":\"ErrorB\",\"errorMessage\":\"boom\"}"}""", execution.Describe().Output);
    }

    [Fact]
    public async Task The_first_matching_retrier_applies_and_MaxAttempts_zero_never_retries()
    {
        await using var harness = new StateMachineHarness(
            Task("""[{"ErrorEquals":["Final"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"IntervalSeconds":1}]"""),
            ScriptedInvoker.Sequence(Fail("Final")));

        var (_, execution) = await harness.RunAsync();

        Assert.DoesNotContain(execution.History, e => e.Type == ExecutionHistoryEventType.RetryScheduled);
        Assert.Equal("Caught", execution.EnteredStates[^1]);
    }

    [Fact]
    public async Task Retry_count_and_a_new_attempt_go_to_the_function_and_a_later_success_ends_the_state()
    {
        var invoker = ScriptedInvoker.Sequence(Fail("Flaky"), Succeed());
        await using var harness = new StateMachineHarness(Task("""[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1}]"""), invoker);
        var execution = harness.Start();

        await LetRetriesPassAsync(harness, execution);

        Assert.Equal([0, 1], invoker.Requests.Select(r => r.RetryCount));
        JsonValuesForTests.Equal("""{"retries":1}""", execution.Describe().Output);
        Assert.Equal(["S"], execution.EnteredStates);
        Assert.Equal(
            ["TaskScheduled", "TaskStarted", "TaskFailed", "RetryScheduled", "TaskScheduled", "TaskStarted", "TaskSucceeded"],
            execution.History.Where(e => e.StateName == "S" && e.Type is not (ExecutionHistoryEventType.StateEntered or ExecutionHistoryEventType.StateExited)).Select(e => e.Type.ToString()));
    }

    [Theory]
    [InlineData("""[{"ErrorEquals":["Other"],"Next":"Caught"}]""", false)]
    [InlineData("""[{"ErrorEquals":["Other","Boom"],"Next":"Caught"}]""", true)]
    [InlineData("""[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}]""", true)]
    [InlineData("""[{"ErrorEquals":["States.Timeout"],"Next":"Caught"}]""", false)]
    [InlineData("""[{"ErrorEquals":["boom"],"Next":"Caught"}]""", false)]
    public async Task Catch_matches_error_names_exactly_and_by_the_wildcards(string @catch, bool caught)
    {
        await using var harness = new StateMachineHarness(Task("[]", @catch), ScriptedInvoker.Sequence(Fail("Boom")));

        var (result, execution) = await harness.RunAsync();

        Assert.Equal(caught ? "Caught" : "S", execution.EnteredStates[^1]);
        Assert.Equal(caught ? LocalExecutionStatus.Succeeded : LocalExecutionStatus.Failed, result.Status);
        if (!caught)
        {
            Assert.Equal(("Boom", """{"errorType":"Boom","errorMessage":"boom"}"""), (result.Error, result.Cause));
        }
    }

    [Fact]
    public async Task A_catcher_ResultPath_keeps_the_input_and_adds_the_error_output()
    {
        await using var harness = new StateMachineHarness(
            Task("[]", """[{"ErrorEquals":["Boom"],"ResultPath":"$.failure","Next":"Caught"},{"ErrorEquals":["States.ALL"],"Next":"Caught"}]"""),
            ScriptedInvoker.Sequence(Fail("Boom")));

        var (result, execution) = await harness.RunAsync("""{"keep":true}""");

        JsonValuesForTests.Equal("""{"keep":true,"failure":{"Error":"Boom","Cause":"{\"errorType\":\"Boom\",\"errorMessage\":\"boom\"}"}}""", result.Output);
        var caught = execution.History.Single(e => e.Type == ExecutionHistoryEventType.ErrorCaught);
        Assert.Equal(("S", "Boom", "Caught"), (caught.StateName, caught.Error, caught.NextState));
        Assert.Equal("Caught", execution.History.Single(e => e.Type == ExecutionHistoryEventType.StateExited && e.StateName == "S").NextState);
    }

    [Fact]
    public async Task A_catcher_ResultPath_that_cannot_be_applied_fails_the_execution()
    {
        await using var harness = new StateMachineHarness(
            Task("[]", """[{"ErrorEquals":["States.ALL"],"ResultPath":"$.text.x","Next":"Caught"}]"""),
            ScriptedInvoker.Sequence(Fail("Boom")));

        var (result, _) = await harness.RunAsync("""{"text":"abc"}""");

        Assert.Equal((LocalExecutionStatus.Failed, "States.ResultPathMatchFailure"), (result.Status, result.Error));
    }
}
