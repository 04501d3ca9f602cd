using System.Net;
using System.Text;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.StateMachine.Server;

namespace EksOps.StateMachine.Tests;

/// <summary><c>EksOps.Aws.StepFunctions.StepFunctionsClient</c>, unchanged, against <see cref="LocalStepFunctionsServer"/>, and the raw wire format.</summary>
public sealed class ServerTests : IAsyncLifetime
{
    private const string Approval = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token"}},
                 "HeartbeatSeconds":600,"ResultPath":"$.answer","End":true}}}
        """;

    private readonly ScriptedInvoker _invoker = new(_ => LambdaInvocationResult.Success("{}"));
    private LocalStepFunctions _service = null!;
    private LocalStepFunctionsServer _server = null!;
    private AwsHttpPipeline _pipeline = null!;
    private string _stateMachine = null!;

    private StepFunctionsClient Client => new(_pipeline);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = new LocalStepFunctions(_invoker, new LocalStepFunctionsOptions { Region = "eu-west-1" });
        _stateMachine = _service.CreateStateMachine("approval", StateMachineDefinition.Parse(Approval));
        _server = await LocalStepFunctionsServer.StartAsync(_service, cancellationToken: Ct);
        _pipeline = new AwsHttpPipeline(new AwsClientOptions
        {
            Region = "eu-west-1",
            Credentials = new BasicAWSCredentials("AKIDLOCAL", "local-secret"),
            Endpoints = { ["states"] = _server.Endpoint },
            Retry = new AwsRetryOptions { MaxAttempts = 1 },
            GetEnvironmentVariable = _ => null,
        });
    }

    public async ValueTask DisposeAsync()
    {
        _pipeline.Dispose();
        await _server.DisposeAsync();
        await _service.DisposeAsync();
    }

    private async Task<string> TokenAsync(string executionArn)
    {
        await StateMachineHarness.WaitForEventAsync(_service.GetExecution(executionArn), e => e.Type == ExecutionHistoryEventType.TaskSubmitted, "the token wait");
        return _invoker.Requests.Last(r => r.ExecutionArn == executionArn).TaskToken!;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> RawAsync(string target, string body, string method = "POST")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), _server.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.Add("X-Amz-Target", target);
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("application/x-amz-json-1.0", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        return (response.StatusCode, JsonNode.Parse(text));
    }

    [Fact]
    public async Task StartExecution_is_idempotent_by_name_and_input_and_reports_a_taken_name()
    {
        var request = new StartExecutionRequest { StateMachineArn = _stateMachine, Name = "alarm-1", Input = """{"case":1}""" };

        var first = await Client.StartExecutionAsync(request, Ct);
        var again = await Client.StartExecutionAsync(request, Ct);
        var taken = await Client.StartExecutionAsync(request with { Input = """{"case":2}""" }, Ct);

        Assert.Equal("arn:aws:states:eu-west-1:123456789012:execution:approval:alarm-1", first.ExecutionArn);
        Assert.Equal(_service.GetExecution(first.ExecutionArn).StartDate, first.StartDate);
        Assert.Equal((first.ExecutionArn, first.StartDate, false), (again.ExecutionArn, again.StartDate, again.AlreadyExists));
        Assert.True(taken.AlreadyExists);
        Assert.Equal(first.ExecutionArn, taken.ExecutionArn);
    }

    [Fact]
    public async Task DescribeExecution_and_SendTaskSuccess_follow_an_approval_to_its_end()
    {
        var started = await Client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = _stateMachine, Name = "ok-1", Input = """{"case":"ok"}""" }, Ct);
        var token = await TokenAsync(started.ExecutionArn);

        var running = await Client.DescribeExecutionAsync(started.ExecutionArn, Ct);
        await Client.SendTaskHeartbeatAsync(token, Ct);
        await Client.SendTaskSuccessAsync(token, """{"approved":true}""", Ct);
        await _service.GetExecution(started.ExecutionArn).WaitAsync(Ct);
        var done = await Client.DescribeExecutionAsync(started.ExecutionArn, Ct);

        Assert.Equal((ExecutionStatus.Running, "ok-1", _stateMachine, """{"case":"ok"}"""), (running.Status, running.Name, running.StateMachineArn, running.Input));
        Assert.Null(running.StopDate);
        Assert.Equal(ExecutionStatus.Succeeded, done.Status);
        JsonValuesForTests.Equal("""{"case":"ok","answer":{"approved":true}}""", done.Output);
        Assert.NotNull(done.StopDate);
        var late = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => Client.SendTaskSuccessAsync(token, "{}", Ct));
        Assert.Equal(("TaskDoesNotExist", HttpStatusCode.BadRequest), (late.ErrorCode, late.StatusCode));
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_execution_with_the_error_and_cause()
    {
        var started = await Client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = _stateMachine, Name = "deny-1" }, Ct);
        var token = await TokenAsync(started.ExecutionArn);

        await Client.SendTaskFailureAsync(token, "ApprovalDenied", "too risky", Ct);
        await _service.GetExecution(started.ExecutionArn).WaitAsync(Ct);
        var done = await Client.DescribeExecutionAsync(started.ExecutionArn, Ct);

        Assert.Equal((ExecutionStatus.Failed, "ApprovalDenied", "too risky"), (done.Status, done.Error, done.Cause));
    }

    [Fact]
    public async Task Service_errors_arrive_as_the_codes_the_client_knows()
    {
        var invalid = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => Client.SendTaskHeartbeatAsync("garbage", Ct));
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => Client.DescribeExecutionAsync("arn:aws:states:eu-west-1:123456789012:execution:approval:nope", Ct));
        var noMachine = await Assert.ThrowsAsync<AwsServiceException>(() => Client.StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:nope", Name = "x" }, Ct));

        Assert.Equal(("InvalidToken", HttpStatusCode.BadRequest), (invalid.ErrorCode, invalid.StatusCode));
        Assert.Equal(("ExecutionDoesNotExist", HttpStatusCode.BadRequest), (missing.ErrorCode, missing.StatusCode));
        Assert.Equal("StateMachineDoesNotExist", noMachine.ErrorCode);
        Assert.Contains("nope", missing.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wire_format_is_AWS_JSON_1_0()
    {
        var (status, started) = await RawAsync("AWSStepFunctions.StartExecution", $$"""{"stateMachineArn":"{{_stateMachine}}","name":"raw-1","input":"{\"k\":1}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, started!["startDate"]!.GetValueKind());
        var arn = started["executionArn"]!.GetValue<string>();
        var token = await TokenAsync(arn);
        await RawAsync("AWSStepFunctions.SendTaskSuccess", $$"""{"taskToken":"{{token}}","output":"{\"ok\":true}"}""");
        await _service.GetExecution(arn).WaitAsync(Ct);

        var (_, described) = await RawAsync("AWSStepFunctions.DescribeExecution", $$"""{"executionArn":"{{arn}}"}""");
        var (_, history) = await RawAsync("AWSStepFunctions.GetExecutionHistory", $$"""{"executionArn":"{{arn}}"}""");
        var (_, page) = await RawAsync("AWSStepFunctions.GetExecutionHistory", $$"""{"executionArn":"{{arn}}","maxResults":2,"reverseOrder":true}""");
        var (_, nextPage) = await RawAsync("AWSStepFunctions.GetExecutionHistory", $$"""{"executionArn":"{{arn}}","maxResults":2,"reverseOrder":true,"nextToken":"{{page!["nextToken"]}}"}""");

        Assert.Equal("SUCCEEDED", described!["status"]!.GetValue<string>());
        Assert.Equal("{\"k\":1,\"answer\":{\"ok\":true}}", described["output"]!.GetValue<string>());
        var events = history!["events"]!.AsArray();
        Assert.Equal(
            ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"],
            events.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e!["id"]!.GetValue<int>()));
        var scheduled = events[2]!["taskScheduledEventDetails"]!;
        Assert.Equal(("lambda", "invoke.waitForTaskToken", "eu-west-1", 600), (scheduled["resourceType"]!.GetValue<string>(), scheduled["resource"]!.GetValue<string>(), scheduled["region"]!.GetValue<string>(), scheduled["heartbeatInSeconds"]!.GetValue<int>()));
        Assert.Equal("Ask", events[1]!["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Equal(["ExecutionSucceeded", "TaskStateExited"], page!["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(["TaskSucceeded", "TaskSubmitted"], nextPage!["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("AWSStepFunctions.ListStateMachines", "{}", "UnknownOperationException")]
    [InlineData("Nope.StartExecution", "{}", "UnknownOperationException")]
    [InlineData("AWSStepFunctions.StartExecution", "{not json", "SerializationException")]
    [InlineData("AWSStepFunctions.StartExecution", "{}", "ValidationException")]
    [InlineData("AWSStepFunctions.DescribeExecution", """{"executionArn":"nope"}""", "InvalidArn")]
    [InlineData("AWSStepFunctions.SendTaskSuccess", """{"taskToken":"nope","output":"{}"}""", "InvalidToken")]
    public async Task Bad_requests_get_400_with_the_error_type(string target, string body, string code)
    {
        var (status, error) = await RawAsync(target, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("com.amazonaws.states#" + code, error!["__type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task StopExecution_over_the_wire_aborts()
    {
        var started = await Client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = _stateMachine, Name = "stop-1" }, Ct);
        await TokenAsync(started.ExecutionArn);

        var (status, stopped) = await RawAsync("AWSStepFunctions.StopExecution", $$"""{"executionArn":"{{started.ExecutionArn}}","error":"Manual","cause":"test"}""");
        var done = await Client.DescribeExecutionAsync(started.ExecutionArn, Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, stopped!["stopDate"]!.GetValueKind());
        Assert.Equal((ExecutionStatus.Aborted, "Manual", "test"), (done.Status, done.Error, done.Cause));
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_refused_with_413()
    {
        var (status, error) = await RawAsync("AWSStepFunctions.StartExecution", $$"""{"stateMachineArn":"{{_stateMachine}}","input":"{{new string('x', 1_100_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("com.amazonaws.states#ValidationException", error!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_POST_is_served()
    {
        var (status, error) = await RawAsync("AWSStepFunctions.DescribeExecution", "{}", "PUT");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("com.amazonaws.states#MethodNotAllowed", error!["__type"]!.GetValue<string>());
    }
}
