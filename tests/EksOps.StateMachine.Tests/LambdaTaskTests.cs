namespace EksOps.StateMachine.Tests;

/// <summary>The Lambda integrations: what the function is sent, the result shape, and how failures map to error names.</summary>
public sealed class LambdaTaskTests
{
    private const string Invoke = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"End":true}""";

    private static string Catching(string errorEquals = "States.ALL") => Asl.Machine($$"""
        "S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},
             "Catch":[{"ErrorEquals":["{{errorEquals}}"],"Next":"Caught"}],"End":true},
        "Caught":{"Type":"Pass","End":true}
        """);

    [Fact]
    public async Task The_optimized_integration_returns_the_Invoke_response()
    {
        await using var harness = new StateMachineHarness(Asl.OneState(Invoke), new ScriptedInvoker(_ => LambdaInvocationResult.Success("""{"ok":true}""", "7")));

        var (result, _) = await harness.RunAsync();

        var output = JsonNode.Parse(result.Output!)!;
        Assert.Equal("7", output["ExecutedVersion"]!.GetValue<string>());
        JsonValuesForTests.Equal("""{"ok":true}""", output["Payload"]!.ToJsonString());
        Assert.Equal(200, output["StatusCode"]!.GetValue<int>());
        Assert.Equal(200, output["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>());
        var headers = output["SdkHttpMetadata"]!["HttpHeaders"]!;
        Assert.Equal("7", headers["X-Amz-Executed-Version"]!.GetValue<string>());
        Assert.Equal(headers["x-amzn-RequestId"]!.GetValue<string>(), output["SdkResponseMetadata"]!["RequestId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "\"not json\"")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("42", "42")]
    [InlineData("null", "null")]
    public async Task Output_that_is_not_an_object_becomes_the_Payload_as_JSON_or_as_a_string(string output, string payload)
    {
        await using var harness = new StateMachineHarness(Asl.OneState(Invoke), new ScriptedInvoker(_ => LambdaInvocationResult.Success(output)));

        var (result, _) = await harness.RunAsync();

        JsonValuesForTests.Equal(payload, JsonValuesForTests.Compact(JsonNode.Parse(result.Output!)!["Payload"]));
    }

    [Theory]
    [InlineData("""{"FunctionName":"fn"}""", "{}")]
    [InlineData("""{"FunctionName":"fn","Payload":{"a.$":"$.a"}}""", """{"a":1}""")]
    [InlineData("""{"FunctionName":"fn","Payload.$":"$"}""", """{"a":1,"name":"fn-from-input"}""")]
    [InlineData("""{"FunctionName":"fn","Payload":"{\"raw\":true}"}""", """{"raw":true}""")]
    [InlineData("""{"FunctionName":"fn","Payload":"plain text"}""", "\"plain text\"")]
    [InlineData("""{"FunctionName":"fn","Payload":null}""", "{}")]
    public async Task The_function_is_sent_the_Payload_parameter(string parameters, string payload)
    {
        var invoker = ScriptedInvoker.Echo();
        await using var harness = new StateMachineHarness(
            Asl.OneState($$"""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{{parameters}},"End":true}"""), invoker);

        await harness.RunAsync("""{"a":1,"name":"fn-from-input"}""");

        JsonValuesForTests.Equal(payload, invoker.Requests.Single().Payload);
    }

    [Fact]
    public async Task FunctionName_and_Qualifier_may_come_from_the_input_and_the_request_says_where_it_runs()
    {
        var invoker = ScriptedInvoker.Echo();
        await using var harness = new StateMachineHarness(
            Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName.$":"$.name","Qualifier":"live","InvocationType":"RequestResponse","LogType":"None"},"End":true}"""),
            invoker);

        var (_, execution) = await harness.RunAsync("""{"name":"fn-from-input"}""");

        var request = invoker.Requests.Single();
        Assert.Equal(("fn-from-input", "live", "S", execution.ExecutionArn, 0, null), (request.FunctionName, request.Qualifier, request.StateName, request.ExecutionArn, request.RetryCount, request.TaskToken));
    }

    [Theory]
    [InlineData("""{"FunctionName.$":"$.number"}""", "not a function name")]
    [InlineData("""{"FunctionName":"fn","InvocationType.$":"$.type"}""", "only RequestResponse")]
    [InlineData("""{"FunctionName":"fn","Qualifier.$":"$.number"}""", "not a string")]
    public async Task Invoke_parameters_that_cannot_be_sent_are_a_runtime_error(string parameters, string reason)
    {
        await using var harness = new StateMachineHarness(
            Asl.OneState($$"""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{{parameters}},"End":true}"""));

        var (result, _) = await harness.RunAsync("""{"number":5,"type":"Event"}""");

        Assert.Equal("States.Runtime", result.Error);
        Assert.Contains(reason, result.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:legacy","End":true}""", """{"a":1}""")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:legacy:live","Parameters":{"b.$":"$.a"},"End":true}""", """{"b":1}""")]
    public async Task The_legacy_function_ARN_form_sends_the_input_and_returns_the_output_itself(string state, string payload)
    {
        var invoker = ScriptedInvoker.Echo();
        await using var harness = new StateMachineHarness(Asl.OneState(state), invoker);

        var (result, _) = await harness.RunAsync("""{"a":1}""");

        Assert.StartsWith("arn:aws:lambda:us-east-1:123456789012:function:legacy", invoker.Requests.Single().FunctionName, StringComparison.Ordinal);
        JsonValuesForTests.Equal(payload, invoker.Requests.Single().Payload);
        JsonValuesForTests.Equal(payload, result.Output);
    }

    [Fact]
    public async Task A_function_error_fails_the_task_with_its_errorType_and_the_document_as_the_cause()
    {
        const string Document = """{"errorType":"InvalidOperationException","errorMessage":"boom","stackTrace":["at Handler.Run()"]}""";
        await using var harness = new StateMachineHarness(Catching("InvalidOperationException"), new ScriptedInvoker(_ => LambdaInvocationResult.FunctionError(Document)));

        var (result, execution) = await harness.RunAsync();

        Assert.Equal("Caught", execution.EnteredStates[^1]);
        var output = JsonNode.Parse(result.Output!)!;
        Assert.Equal("InvalidOperationException", output["Error"]!.GetValue<string>());
        Assert.Equal(Document, output["Cause"]!.GetValue<string>());
        var failed = execution.History.Single(e => e.Type == ExecutionHistoryEventType.TaskFailed);
        Assert.Equal(("InvalidOperationException", Document), (failed.Error, failed.Cause));
    }

    public static TheoryData<string, Func<LambdaInvocationRequest, LambdaInvocationResult>> Failures => new()
    {
        { "Lambda.Unknown", _ => LambdaInvocationResult.FunctionError("""{"errorMessage":"Process exited before completing request"}""") },
        { "Lambda.Unknown", _ => LambdaInvocationResult.FunctionError("not a document") },
        { "Sandbox.Timeout", _ => LambdaInvocationResult.FunctionError("""{"errorType":"Sandbox.Timeout","errorMessage":"Task timed out after 30.00 seconds"}""") },
        { "Custom.Name", _ => LambdaInvocationResult.FunctionError("""{"errorType":"Ignored"}""", "Custom.Name") },
        { "Lambda.TooManyRequestsException", _ => throw new LambdaServiceException("TooManyRequestsException", "Rate Exceeded.") },
        { "Lambda.ResourceNotFoundException", _ => throw new LambdaServiceException("Lambda.ResourceNotFoundException", "Function not found") },
        { "Lambda.ServiceException", _ => throw new LambdaServiceException("internal") },
        { "Lambda.SdkClientException", _ => throw new HttpRequestException("connection refused") },
        { "Lambda.SdkClientException", _ => throw new IOException("broken pipe") },
        { "Lambda.ServiceException", _ => throw new ObjectDisposedException("RuntimeApiServer") },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Invoker_failures_map_to_Lambda_error_names(string error, Func<LambdaInvocationRequest, LambdaInvocationResult> answer)
    {
        await using var harness = new StateMachineHarness(Catching(), new ScriptedInvoker(answer));

        var (result, _) = await harness.RunAsync();

        Assert.Equal(error, JsonNode.Parse(result.Output!)!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invoker_that_throws_before_returning_a_task_still_fails_only_the_task()
    {
        await using var harness = new StateMachineHarness(
            Catching(), new ScriptedInvoker((LambdaInvocationRequest _, CancellationToken _) => throw new InvalidOperationException("sync throw")));

        var (result, _) = await harness.RunAsync();

        JsonValuesForTests.Equal("""{"Error":"Lambda.ServiceException","Cause":"InvalidOperationException: sync throw"}""", result.Output);
    }

    [Fact]
    public async Task A_task_records_scheduled_started_and_succeeded_events_with_its_parameters()
    {
        await using var harness = new StateMachineHarness(Asl.OneState(Invoke));

        var (_, execution) = await harness.RunAsync();

        Assert.Equal(
            ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"],
            execution.History.Select(e => e.WireType));
        var scheduled = execution.History.Single(e => e.Type == ExecutionHistoryEventType.TaskScheduled);
        Assert.Equal("arn:aws:states:::lambda:invoke", scheduled.Resource);
        JsonValuesForTests.Equal("""{"FunctionName":"fn"}""", scheduled.Parameters);
        Assert.Null(scheduled.TimeoutSeconds);
    }
}
