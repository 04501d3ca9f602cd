using System.Net;
using EksOps.Aws.StepFunctions;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.StepFunctions;

public sealed class StepFunctionsClientTests
{
    private const string StateMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:Incident";
    private const string Execution = "arn:aws:states:us-east-1:123456789012:execution:Incident:alarm-cpu-20260101T120000Z";

    private static ScriptedResponse SfnError(string code, string message) =>
        ScriptedResponse.Error(400, $$"""{"__type":"com.amazonaws.swf.service.v2.model#{{code}}","message":"{{message}}"}""", ("x-amzn-RequestId", "req-err"));

    [Fact]
    public async Task StartExecution_sends_JSON_1_0_to_AWSStepFunctions_and_reads_the_arn_and_start_date()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json($$"""{"executionArn":"{{Execution}}","startDate":1.767268800123E9}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new StepFunctionsClient(pipeline).StartExecutionAsync(
            new StartExecutionRequest
            {
                StateMachineArn = StateMachine,
                Name = "alarm-cpu-20260101T120000Z",
                Input = """{"alarm":"cpu"}""",
                TraceHeader = "Root=1-67750a40-0123456789abcdef01234567",
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(Execution, result.ExecutionArn);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_268_800_123), result.StartDate);
        Assert.False(result.AlreadyExists);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.PathAndQuery);
        Assert.Equal("AWSStepFunctions.StartExecution", request.Target);
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Contains("/us-east-1/states/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("x-amz-target", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(
            $$"""{"stateMachineArn":"{{StateMachine}}","name":"alarm-cpu-20260101T120000Z","input":"{\u0022alarm\u0022:\u0022cpu\u0022}","traceHeader":"Root=1-67750a40-0123456789abcdef01234567"}""",
            request.Text);
    }

    [Fact]
    public async Task StartExecution_without_name_or_input_sends_an_empty_object_as_input_and_no_name()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json($$"""{"executionArn":"{{Execution}}","startDate":1767268800}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new StepFunctionsClient(pipeline).StartExecutionAsync(new StartExecutionRequest { StateMachineArn = StateMachine, Input = "" }, TestContext.Current.CancellationToken);

        Assert.Equal($$"""{"stateMachineArn":"{{StateMachine}}","input":"{}"}""", server.Requests[0].Text);
    }

    [Fact]
    public async Task ExecutionAlreadyExists_is_an_already_started_result_with_the_arn_from_the_message()
    {
        await using var server = LoopbackAwsServer.Script(SfnError("ExecutionAlreadyExists", $"Execution Already Exists: '{Execution}'"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new StepFunctionsClient(pipeline).StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = StateMachine, Name = "alarm-cpu-20260101T120000Z" }, TestContext.Current.CancellationToken);

        Assert.True(result.AlreadyExists);
        Assert.Equal(Execution, result.ExecutionArn);
        Assert.Null(result.StartDate);
        Assert.Equal($"Execution Already Exists: '{Execution}'", result.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ExecutionAlreadyExists_without_an_arn_in_the_message_builds_it_from_a_versioned_state_machine_arn()
    {
        await using var server = LoopbackAwsServer.Script(SfnError("ExecutionAlreadyExists", "Execution Already Exists"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var result = await new StepFunctionsClient(pipeline).StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = StateMachine + ":7", Name = "alarm-cpu-20260101T120000Z" }, TestContext.Current.CancellationToken);

        Assert.True(result.AlreadyExists);
        Assert.Equal(Execution, result.ExecutionArn);
    }

    [Theory]
    [InlineData("StateMachineDoesNotExist")]
    [InlineData("InvalidExecutionInput")]
    [InlineData("InvalidName")]
    public async Task Other_StartExecution_errors_throw_with_their_code(string code)
    {
        await using var server = LoopbackAwsServer.Script(SfnError(code, "no"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new StepFunctionsClient(pipeline).StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = StateMachine, Name = "n" }, TestContext.Current.CancellationToken));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("req-err", error.RequestId);
        Assert.Equal("StartExecution", error.Operation);
        Assert.Equal("states", error.Service);
    }

    [Fact]
    public async Task Names_and_inputs_that_break_the_limits_are_refused_before_anything_is_sent()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);
        var client = new StepFunctionsClient(pipeline);

        var badName = await Assert.ThrowsAsync<ArgumentException>(() => client.StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = StateMachine, Name = "prod: cpu > 90%" }, TestContext.Current.CancellationToken));
        var bigInput = await Assert.ThrowsAsync<ArgumentException>(() => client.StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = StateMachine, Input = "\"" + new string('é', 131_072) + "\"" }, TestContext.Current.CancellationToken));

        Assert.Contains("U+003A", badName.Message, StringComparison.Ordinal);
        Assert.Contains("262146 UTF-8 bytes; Step Functions takes at most 262144", bigInput.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task DescribeExecution_reads_status_dates_input_output_error_and_cause()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json($$$"""
            {"executionArn":"{{{Execution}}}","stateMachineArn":"{{{StateMachine}}}","name":"alarm-cpu-20260101T120000Z",
             "status":"FAILED","startDate":1767268800,"stopDate":1767268860.5,"input":"{\"a\":1}","inputDetails":{"included":true},
             "error":"Remediation.Rejected","cause":"on-call said no","redriveCount":2,"redriveStatus":"REDRIVABLE","futureMember":{"x":1}}
            """));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var execution = await new StepFunctionsClient(pipeline).DescribeExecutionAsync(Execution, TestContext.Current.CancellationToken);

        Assert.Equal("AWSStepFunctions.DescribeExecution", server.Requests[0].Target);
        Assert.Equal($$"""{"executionArn":"{{Execution}}"}""", server.Requests[0].Text);
        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("FAILED", execution.StatusText);
        Assert.True(execution.IsClosed);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_767_268_800), execution.StartDate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_268_860_500), execution.StopDate);
        Assert.Equal("""{"a":1}""", execution.Input);
        Assert.Null(execution.Output);
        Assert.Equal("Remediation.Rejected", execution.Error);
        Assert.Equal("on-call said no", execution.Cause);
        Assert.Equal(2, execution.RedriveCount);
        Assert.Equal(StateMachine, execution.StateMachineArn);
    }

    [Theory]
    [InlineData("RUNNING", ExecutionStatus.Running, false)]
    [InlineData("SUCCEEDED", ExecutionStatus.Succeeded, true)]
    [InlineData("TIMED_OUT", ExecutionStatus.TimedOut, true)]
    [InlineData("ABORTED", ExecutionStatus.Aborted, true)]
    [InlineData("PENDING_REDRIVE", ExecutionStatus.PendingRedrive, false)]
    [InlineData("SOMETHING_NEW", ExecutionStatus.Unknown, true)]
    public void Execution_statuses_map_to_the_enum(string text, ExecutionStatus status, bool closed)
    {
        Assert.Equal(status, StepFunctionsClient.ParseStatus(text));
        Assert.Equal(closed, new ExecutionDescription { ExecutionArn = Execution, Status = status }.IsClosed);
    }

    [Fact]
    public async Task SendTaskSuccess_sends_the_token_and_output_as_given()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new StepFunctionsClient(pipeline).SendTaskSuccessAsync("AQCEAAAAKgAAAA==", """{"approved":true,"by":"oncall"}""", TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("AWSStepFunctions.SendTaskSuccess", request.Target);
        Assert.Equal("""{"taskToken":"AQCEAAAAKgAAAA==","output":"{\u0022approved\u0022:true,\u0022by\u0022:\u0022oncall\u0022}"}""", request.Text);
    }

    [Fact]
    public async Task SendTaskFailure_cuts_error_and_cause_to_the_limits_without_splitting_a_surrogate_pair()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);
        var error = new string('E', 255) + "😀" + "tail";
        var cause = new string('c', 40_000);

        await new StepFunctionsClient(pipeline).SendTaskFailureAsync("token-1", error, cause, TestContext.Current.CancellationToken);

        var json = server.Requests[0].Json;
        Assert.Equal("AWSStepFunctions.SendTaskFailure", server.Requests[0].Target);
        Assert.Equal("token-1", json.GetProperty("taskToken").GetString());
        Assert.Equal(new string('E', 255), json.GetProperty("error").GetString());
        Assert.Equal(StepFunctionsClient.MaxCauseLength, json.GetProperty("cause").GetString()!.Length);
    }

    [Fact]
    public async Task SendTaskFailure_keeps_a_surrogate_pair_that_fits_and_sends_no_empty_members()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);
        var error = new string('E', 254) + "😀" + "tail";

        await new StepFunctionsClient(pipeline).SendTaskFailureAsync("token-1", error, cause: "", TestContext.Current.CancellationToken);

        var json = server.Requests[0].Json;
        Assert.Equal(new string('E', 254) + "😀", json.GetProperty("error").GetString());
        Assert.False(json.TryGetProperty("cause", out _));
    }

    [Fact]
    public async Task SendTaskHeartbeat_sends_only_the_token()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new StepFunctionsClient(pipeline).SendTaskHeartbeatAsync("token-1", TestContext.Current.CancellationToken);

        Assert.Equal("AWSStepFunctions.SendTaskHeartbeat", server.Requests[0].Target);
        Assert.Equal("""{"taskToken":"token-1"}""", server.Requests[0].Text);
    }

    [Theory]
    [InlineData("TaskTimedOut", true)]
    [InlineData("TaskDoesNotExist", false)]
    [InlineData("InvalidToken", false)]
    public async Task Rejected_task_tokens_throw_TaskTokenRejectedException_and_are_not_retried(string code, bool timedOut)
    {
        await using var server = LoopbackAwsServer.Script(SfnError(code, "Provided task does not exist anymore"));
        using var pipeline = TestPipelines.For(server.Endpoint);
        var client = new StepFunctionsClient(pipeline);

        var success = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => client.SendTaskSuccessAsync("t", "{}", TestContext.Current.CancellationToken));
        var failure = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => client.SendTaskFailureAsync("t", "E", "c", TestContext.Current.CancellationToken));
        var heartbeat = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => client.SendTaskHeartbeatAsync("t", TestContext.Current.CancellationToken));

        Assert.All(new[] { success, failure, heartbeat }, e =>
        {
            Assert.Equal(code, e.ErrorCode);
            Assert.Equal(timedOut, e.TimedOut);
            Assert.Equal("Provided task does not exist anymore", e.ErrorMessage);
            Assert.Equal("req-err", e.RequestId);
            Assert.Equal(1, e.Attempts);
        });
        Assert.Equal(["SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"], new[] { success, failure, heartbeat }.Select(e => e.Operation));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task InvalidOutput_stays_a_plain_service_error()
    {
        await using var server = LoopbackAwsServer.Script(SfnError("InvalidOutput", "not JSON"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new StepFunctionsClient(pipeline).SendTaskSuccessAsync("t", "nope", TestContext.Current.CancellationToken));

        Assert.IsNotType<TaskTokenRejectedException>(error);
        Assert.Equal("InvalidOutput", error.ErrorCode);
    }

    [Fact]
    public async Task Throttled_callbacks_are_retried_by_the_pipeline()
    {
        await using var server = LoopbackAwsServer.Script(
            ScriptedResponse.Error(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new StepFunctionsClient(pipeline).SendTaskHeartbeatAsync("t", TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Requests.Count);
    }
}
