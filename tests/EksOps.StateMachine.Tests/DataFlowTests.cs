namespace EksOps.StateMachine.Tests;

/// <summary>InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath, the Context Object, and the data errors.</summary>
public sealed class DataFlowTests
{
    [Fact]
    public async Task A_task_processes_its_data_in_the_documented_order()
    {
        var invoker = ScriptedInvoker.Echo();
        await using var harness = new StateMachineHarness(Asl.OneState("""
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.in",
             "Parameters":{"FunctionName":"f","Payload":{"v.$":"$.v","state.$":"$$.State.Name","fixed":"x"}},
             "ResultSelector":{"got.$":"$.Payload","code.$":"$.StatusCode"},"ResultPath":"$.in.result","OutputPath":"$.in","End":true}
            """), invoker);

        var (result, _) = await harness.RunAsync("""{"in":{"v":1},"other":2}""");

        JsonValuesForTests.Equal("""{"v":1,"state":"S","fixed":"x"}""", invoker.Requests.Single().Payload);
        JsonValuesForTests.Equal("""{"v":1,"result":{"got":{"v":1,"state":"S","fixed":"x"},"code":200}}""", result.Output);
    }

    [Theory]
    [InlineData("\"ResultPath\":null", """{"keep":1}""")]
    [InlineData("\"OutputPath\":null", "{}")]
    [InlineData("\"ResultPath\":\"$\"", """{"echo":{"keep":1}}""")]
    [InlineData("\"InputPath\":null,\"ResultPath\":\"$.r\"", """{"keep":1,"r":{"echo":{}}}""")]
    public async Task Null_and_root_paths_discard_or_replace(string paths, string expected)
    {
        await using var harness = new StateMachineHarness(
            Asl.OneState($$$"""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload":{"echo.$":"$"}},"ResultSelector":{"echo.$":"$.Payload.echo"},{{{paths}}},"End":true}"""));

        var (result, _) = await harness.RunAsync("""{"keep":1}""");

        JsonValuesForTests.Equal(expected, result.Output);
    }

    [Theory]
    [InlineData("""{"Type":"Pass","End":true}""", """{"a":1}""")]
    [InlineData("""{"Type":"Pass","Result":{"r":true},"End":true}""", """{"r":true}""")]
    [InlineData("""{"Type":"Pass","Result":"text","ResultPath":"$.r","End":true}""", """{"a":1,"r":"text"}""")]
    [InlineData("""{"Type":"Pass","Result":null,"ResultPath":"$.r","End":true}""", """{"a":1,"r":null}""")]
    [InlineData("""{"Type":"Pass","Parameters":{"b.$":"$.a","c":2},"End":true}""", """{"b":1,"c":2}""")]
    [InlineData("""{"Type":"Pass","Parameters":{"b.$":"$.a"},"ResultPath":"$.p","OutputPath":"$.p","End":true}""", """{"b":1}""")]
    [InlineData("""{"Type":"Succeed","InputPath":"$.a"}""", "1")]
    public async Task Pass_and_Succeed_shape_their_output(string state, string expected)
    {
        await using var harness = new StateMachineHarness(Asl.OneState(state));

        var (result, _) = await harness.RunAsync("""{"a":1}""");

        JsonValuesForTests.Equal(expected, result.Output);
    }

    [Fact]
    public async Task The_Context_Object_describes_the_execution_the_state_and_the_state_machine()
    {
        await using var harness = new StateMachineHarness(Asl.OneState("""
            {"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","input.$":"$$.Execution.Input",
              "start.$":"$$.Execution.StartTime","role.$":"$$.Execution.RoleArn","state.$":"$$.State.Name","entered.$":"$$.State.EnteredTime",
              "retries.$":"$$.State.RetryCount","machine.$":"$$.StateMachine.Id","machineName.$":"$$.StateMachine.Name"},"End":true}
            """));

        var execution = harness.Start("""{"x":[1]}""", name: "run-1");
        var result = await StateMachineHarness.FinishAsync(execution);

        JsonValuesForTests.Equal(
            """
            {"id":"arn:aws:states:us-east-1:123456789012:execution:test:run-1","name":"run-1","input":{"x":[1]},
             "start":"2026-01-01T00:00:00.000Z","role":"arn:aws:iam::123456789012:role/eksops-local","state":"S",
             "entered":"2026-01-01T00:00:00.000Z","retries":0,"machine":"arn:aws:states:us-east-1:123456789012:stateMachine:test","machineName":"test"}
            """,
            result.Output);
    }

    [Theory]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.nope","Parameters":{"FunctionName":"f"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true}""", "States.Runtime", "S")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","OutputPath":"$.nope","Parameters":{"FunctionName":"f"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true}""", "States.Runtime", "S")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload":{"x.$":"$.nope"}},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true}""", "States.ParameterPathFailure", "Caught")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"ResultSelector":{"x.$":"$.nope"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true}""", "States.ParameterPathFailure", "Caught")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"ResultPath":"$.text.inner","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true}""", "States.ResultPathMatchFailure", "Caught")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload":{"x.$":"States.ArrayLength($.text)"}},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true}""", "States.IntrinsicFailure", "Caught")]
    public async Task Data_errors_are_raised_by_name_and_only_States_Runtime_escapes_Catch(string task, string error, string lastState)
    {
        await using var harness = new StateMachineHarness(Asl.Machine($$""" "S":{{task}},"Caught":{"Type":"Pass","End":true} """));

        var (result, execution) = await harness.RunAsync("""{"text":"abc"}""");

        Assert.Equal(lastState, execution.EnteredStates[^1]);
        if (lastState == "S")
        {
            Assert.Equal((LocalExecutionStatus.Failed, error), (result.Status, result.Error));
        }
        else
        {
            Assert.Equal(error, JsonNode.Parse(result.Output!)!["Error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_state_output_over_256_KiB_fails_the_execution_with_DataLimitExceeded()
    {
        await using var harness = new StateMachineHarness(Asl.OneState("""{"Type":"Pass","Parameters":{"a.$":"$.big","b.$":"$.big"},"End":true}"""));

        var (result, _) = await harness.RunAsync(JsonValuesForTests.Compact(new JsonObject { ["big"] = new string('x', 150_000) }));

        Assert.Equal((LocalExecutionStatus.Failed, "States.DataLimitExceeded"), (result.Status, result.Error));
    }

    [Theory]
    [InlineData("""{"Type":"Fail","Error":"Broken","Cause":"it broke"}""", "Broken", "it broke")]
    [InlineData("""{"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"}""", "FromInput", "because")]
    [InlineData("""{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('{} at {}', $.c, $$.State.Name)"}""", "FromInput", "because at S")]
    [InlineData("""{"Type":"Fail"}""", null, null)]
    public async Task Fail_states_end_the_execution_with_their_error_and_cause(string state, string? error, string? cause)
    {
        await using var harness = new StateMachineHarness(Asl.OneState(state));

        var (result, execution) = await harness.RunAsync("""{"e":"FromInput","c":"because"}""");

        Assert.Equal((LocalExecutionStatus.Failed, error, cause), (result.Status, result.Error, result.Cause));
        Assert.Equal("FailStateEntered", execution.History.Single(e => e.Type == ExecutionHistoryEventType.StateEntered).WireType);
    }

    [Fact]
    public async Task An_ErrorPath_that_is_not_a_string_is_a_runtime_error()
    {
        await using var harness = new StateMachineHarness(Asl.OneState("""{"Type":"Fail","ErrorPath":"$.e"}"""));

        var (result, _) = await harness.RunAsync("""{"e":5}""");

        Assert.Equal("States.Runtime", result.Error);
    }
}
