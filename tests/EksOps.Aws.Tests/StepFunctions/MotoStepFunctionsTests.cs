using System.Net;
using System.Text;
using System.Text.Json;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.StepFunctions;

/// <summary>
/// Step Functions against moto's interpreter (<c>execute_state_machine</c>), with a <c>.waitForTaskToken</c> task that
/// hands its token to SQS (the fixture's integration sink). Moto 5.2.1 can run one execution per account and region (a second one fails to copy the
/// first's locks), so each test that runs an execution has a region of its own instead of resetting moto, which would
/// also drop the IAM key the fixture verifies signatures against.
/// </summary>
[Collection(MotoGroup.Name)]
public sealed class MotoStepFunctionsTests(IntegratedMotoServer moto)
{
    private const string Role = "arn:aws:iam::123456789012:role/eksops-sfn";

    /// <summary>Turns on moto's interpreter (without it, SendTask* are no-ops); moto's own API, not an AWS action.</summary>
    private async Task EnableInterpreterAsync()
    {
        using var http = new HttpClient();
        using var config = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri(moto.Endpoint, "/moto-api/config"), config, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Creates a state machine whose one task sends its token to SQS and waits for it. Moto's interpreter sends that
    /// message to the fixture's integration sink (see <see cref="IntegratedMotoServer.Integrations"/>), where the test reads it.
    /// </summary>
    private async Task<string> CallbackStateMachineAsync(AwsHttpPipeline pipeline, string name)
    {
        await EnableInterpreterAsync();
        var definition = """
            {"StartAt":"WaitForApproval","States":{"WaitForApproval":{"Type":"Task",
              "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":600,
              "Parameters":{"QueueUrl":"https://sqs.us-west-2.amazonaws.com/123456789012/approvals",
                            "MessageBody":{"token.$":"$$.Task.Token","input.$":"$"}},"End":true}}}
            """;
        var created = await MotoJson.CallAsync(pipeline, StepFunctionsClient.Service, "CreateStateMachine",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name, ["definition"] = definition, ["roleArn"] = Role }, StringMaps.Default.DictionaryStringString));
        return created.GetProperty("stateMachineArn").GetString()!;
    }

    /// <summary>The token the task of the execution whose input has <c>"case": <paramref name="marker"/></c> sent (bounded wait).</summary>
    private async Task<string> TaskTokenAsync(string marker)
    {
        for (var poll = 0; poll < 200; poll++)
        {
            var message = IntegrationSink.Messages(moto.Integrations!)
                .FirstOrDefault(m => m.GetProperty("input").TryGetProperty("case", out var c) && c.GetString() == marker);
            if (message.ValueKind == JsonValueKind.Object)
            {
                return message.GetProperty("token").GetString()!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"moto's interpreter sent no task token for case '{marker}'.");
    }

    private static async Task<ExecutionDescription> WaitUntilClosedAsync(StepFunctionsClient client, string executionArn)
    {
        ExecutionDescription execution;
        var polls = 0;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            execution = await client.DescribeExecutionAsync(executionArn, TestContext.Current.CancellationToken);
        }
        while (!execution.IsClosed && ++polls < 100);

        return execution;
    }

    [Fact]
    public async Task A_start_repeated_with_the_same_name_and_input_is_idempotent_and_SendTaskSuccess_completes_it()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(region: "us-west-2");
        var stateMachine = await CallbackStateMachineAsync(pipeline, "incident-success");
        var client = new StepFunctionsClient(pipeline);
        var ct = TestContext.Current.CancellationToken;
        var name = ExecutionNames.Sanitize("ServerCpuTooHigh 2026-01-01T12:00:00Z");
        var request = new StartExecutionRequest { StateMachineArn = stateMachine, Name = name, Input = """{"case":"success","alarm":"ServerCpuTooHigh"}""" };

        var first = await client.StartExecutionAsync(request, ct);
        var again = await client.StartExecutionAsync(request, ct);
        var otherInput = await client.StartExecutionAsync(request with { Input = """{"alarm":"other"}""" }, ct);

        Assert.Equal($"arn:aws:states:us-west-2:123456789012:execution:incident-success:{name}", first.ExecutionArn);
        Assert.False(first.AlreadyExists);
        Assert.NotNull(first.StartDate);
        Assert.Equal(first.ExecutionArn, again.ExecutionArn);
        Assert.Equal(first.StartDate, again.StartDate);
        Assert.False(again.AlreadyExists);
        Assert.True(otherInput.AlreadyExists);
        Assert.Equal(first.ExecutionArn, otherInput.ExecutionArn);

        var token = await TaskTokenAsync("success");
        var running = await client.DescribeExecutionAsync(first.ExecutionArn, ct);
        Assert.Equal(ExecutionStatus.Running, running.Status);
        Assert.Equal(name, running.Name);
        Assert.Equal(stateMachine, running.StateMachineArn);
        Assert.Equal("""{"case":"success","alarm":"ServerCpuTooHigh"}""", running.Input);

        await client.SendTaskHeartbeatAsync(token, ct);
        await client.SendTaskSuccessAsync(token, """{"approved":true}""", ct);
        var done = await WaitUntilClosedAsync(client, first.ExecutionArn);

        Assert.Equal(ExecutionStatus.Succeeded, done.Status);
        Assert.True(JsonDocument.Parse(done.Output!).RootElement.GetProperty("approved").GetBoolean());
        Assert.NotNull(done.StopDate);

        var late = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => client.SendTaskSuccessAsync(token, "{}", ct));
        Assert.Equal(StepFunctionsClient.InvalidToken, late.ErrorCode);
        var afterClose = await client.StartExecutionAsync(request, ct);
        Assert.True(afterClose.AlreadyExists);
        Assert.Equal(first.ExecutionArn, afterClose.ExecutionArn);
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_execution_with_the_error_cut_to_256_characters()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(region: "eu-west-1");
        var stateMachine = await CallbackStateMachineAsync(pipeline, "incident-failure");
        var client = new StepFunctionsClient(pipeline);
        var ct = TestContext.Current.CancellationToken;

        var started = await client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = stateMachine, Name = "rejected-1", Input = """{"case":"failure"}""" }, ct);
        var token = await TaskTokenAsync("failure");
        await client.SendTaskFailureAsync(token, "Remediation.Rejected" + new string('x', 300), new string('c', 40_000), ct);
        var done = await WaitUntilClosedAsync(client, started.ExecutionArn);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(("Remediation.Rejected" + new string('x', 300))[..256], done.Error);
    }

    [Fact]
    public async Task Callbacks_with_an_unknown_token_are_rejected_as_InvalidToken()
    {
        moto.RequireAvailable();
        await EnableInterpreterAsync();
        using var pipeline = moto.Pipeline();
        var client = new StepFunctionsClient(pipeline);
        var ct = TestContext.Current.CancellationToken;

        var heartbeat = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => client.SendTaskHeartbeatAsync("no-such-token", ct));
        var success = await Assert.ThrowsAsync<TaskTokenRejectedException>(() => client.SendTaskSuccessAsync("no-such-token", "{}", ct));

        Assert.All(new[] { heartbeat, success }, e =>
        {
            Assert.Equal("InvalidToken", e.ErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
            Assert.False(e.TimedOut);
            Assert.NotNull(e.RequestId);
        });
    }

    [Fact]
    public async Task Describing_an_unknown_execution_or_starting_an_unknown_state_machine_fails_with_the_service_code()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();
        var client = new StepFunctionsClient(pipeline);
        var ct = TestContext.Current.CancellationToken;

        var describe = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.DescribeExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:nope:nope", ct));
        var start = await Assert.ThrowsAsync<AwsServiceException>(() => client.StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:nope", Name = "x" }, ct));

        Assert.Equal("ExecutionDoesNotExist", describe.ErrorCode);
        Assert.Equal("StateMachineDoesNotExist", start.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_a_signature_error()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(secret: "not-the-secret-moto-issued");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new StepFunctionsClient(pipeline).DescribeExecutionAsync(
            "arn:aws:states:us-east-1:123456789012:execution:nope:nope", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(1, error.Attempts);
    }
}
