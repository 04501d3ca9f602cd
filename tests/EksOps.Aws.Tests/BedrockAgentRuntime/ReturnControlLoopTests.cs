using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EksOps.Aws.BedrockAgentRuntime;

namespace EksOps.Aws.Tests.BedrockAgentRuntime;

public sealed class ReturnControlLoopTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static InvokeAgentRequest Request() => new()
    {
        AgentId = "AGENT12345",
        AgentAliasId = "TSTALIASID",
        SessionId = "incident-42",
        InputText = "checkout-api is crash-looping; find out why.",
        EnableTrace = true,
        SessionState = new SessionState { SessionAttributes = new Dictionary<string, string> { ["incidentId"] = "42" } },
    };

    [Fact]
    public async Task Function_rounds_run_through_the_executor_and_each_result_goes_back_with_its_invocation_id()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new StreamReply(
                AgentFrames.Usage("preProcessingTrace", 50, 5),
                AgentFrames.Usage("orchestrationTrace", 1000, 40),
                AgentFrames.ReturnControl("inv-1", AgentFrames.Function("k8s", "get_pod_logs", [("pod", "string", "checkout-0"), ("tail", "integer", "100")]))),
            new StreamReply(
                AgentFrames.Usage("orchestrationTrace", 1500, 30),
                AgentFrames.ReturnControl(
                    "inv-2",
                    AgentFrames.Function("k8s", "describe_pod", [("pod", "string", "checkout-0")]),
                    AgentFrames.Function("cloudwatch", "get_metric", [("metric", "string", "memory")]))),
            new StreamReply(
                AgentFrames.Usage("orchestrationTrace", 2000, 80),
                AgentFrames.Usage("postProcessingTrace", 300, 60),
                AgentFrames.Chunk("The container is OOMKilled at 512Mi.")));
        using var pipeline = fake.Pipeline();
        var seen = new ConcurrentQueue<ReturnControlRequest>();

        var result = await new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(Request(), (request, _) =>
        {
            seen.Enqueue(request);
            return Task.FromResult(new ReturnControlResults
            {
                Results = [.. request.InvocationInputs.Select(input => InvocationResult.ForFunction(input.FunctionInvocationInput!, $"result of {input.FunctionInvocationInput!.Function}"))],
            });
        }, cancellationToken: Token);

        Assert.Equal("The container is OOMKilled at 512Mi.", result.Text);
        Assert.Equal(2, result.Rounds);
        Assert.Equal(3, result.Invocations);
        Assert.Equal(new TokenUsage(50 + 1000 + 1500 + 2000 + 300, 5 + 40 + 30 + 80 + 60), result.Usage);
        Assert.Equal(5, result.Traces.Count);
        Assert.Equal(["inv-1", "inv-2"], result.ReturnControls.Select(r => r.InvocationId));
        Assert.Equal("incident-42", result.SessionId);
        Assert.Equal([1, 2], seen.Select(r => r.Round));
        Assert.Equal("100", seen.First().InvocationInputs[0].FunctionInvocationInput!.GetParameter("tail"));

        var requests = fake.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Null(r.SignatureProblem));
        Assert.All(requests, r => Assert.Equal("/agents/AGENT12345/agentAliases/TSTALIASID/sessions/incident-42/text", r.RawTarget));
        Assert.Equal("checkout-api is crash-looping; find out why.", requests[0].Json.GetProperty("inputText").GetString());
        Assert.False(requests[0].Json.GetProperty("sessionState").TryGetProperty("invocationId", out _));

        var second = requests[1].Json;
        Assert.False(second.TryGetProperty("inputText", out _));
        Assert.True(second.GetProperty("enableTrace").GetBoolean());
        Assert.Equal("inv-1", second.GetProperty("sessionState").GetProperty("invocationId").GetString());
        Assert.Equal("42", second.GetProperty("sessionState").GetProperty("sessionAttributes").GetProperty("incidentId").GetString());
        var functionResult = Assert.Single(second.GetProperty("sessionState").GetProperty("returnControlInvocationResults").EnumerateArray()).GetProperty("functionResult");
        Assert.Equal("k8s", functionResult.GetProperty("actionGroup").GetString());
        Assert.Equal("get_pod_logs", functionResult.GetProperty("function").GetString());
        Assert.Equal("result of get_pod_logs", functionResult.GetProperty("responseBody").GetProperty("TEXT").GetProperty("body").GetString());
        Assert.False(functionResult.TryGetProperty("confirmationState", out _));

        var third = requests[2].Json.GetProperty("sessionState");
        Assert.Equal("inv-2", third.GetProperty("invocationId").GetString());
        Assert.Equal(
            ["describe_pod", "get_metric"],
            third.GetProperty("returnControlInvocationResults").EnumerateArray().Select(r => r.GetProperty("functionResult").GetProperty("function").GetString()));
    }

    [Fact]
    public async Task An_api_action_reaches_the_executor_whole_and_is_answered_with_an_apiResult()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new StreamReply(AgentFrames.ReturnControl("inv-api", AgentFrames.Api(
                "k8s-api", "/namespaces/{namespace}/pods/{pod}/logs", "get",
                [("namespace", "string", "shop"), ("pod", "string", "checkout-0")],
                ("application/json", [("sinceSeconds", "integer", "600")])))),
            new StreamReply(AgentFrames.Chunk("Logs show OOM.")));
        using var pipeline = fake.Pipeline();
        ApiInvocationInput? asked = null;

        var result = await new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(Request(), (request, _) =>
        {
            asked = request.InvocationInputs[0].ApiInvocationInput;
            return Task.FromResult(new ReturnControlResults { Results = [InvocationResult.ForApi(asked!, """{"lines":["OOMKilled"]}""", httpStatusCode: 200)] });
        }, cancellationToken: Token);

        Assert.Equal("Logs show OOM.", result.Text);
        Assert.Equal(("k8s-api", "/namespaces/{namespace}/pods/{pod}/logs", "get"), (asked!.ActionGroup, asked.ApiPath, asked.HttpMethod));
        Assert.Equal("shop", asked.GetParameter("namespace"));
        Assert.Equal("600", asked.RequestBody!.Content["application/json"].Properties.Single().Value);
        var apiResult = Assert.Single(fake.Requests[1].Json.GetProperty("sessionState").GetProperty("returnControlInvocationResults").EnumerateArray()).GetProperty("apiResult");
        Assert.Equal("k8s-api", apiResult.GetProperty("actionGroup").GetString());
        Assert.Equal("/namespaces/{namespace}/pods/{pod}/logs", apiResult.GetProperty("apiPath").GetString());
        Assert.Equal("get", apiResult.GetProperty("httpMethod").GetString());
        Assert.Equal(200, apiResult.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("""{"lines":["OOMKilled"]}""", apiResult.GetProperty("responseBody").GetProperty("application/json").GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_user_confirmation_is_answered_with_confirmationState_alone_and_a_denial_with_its_reason()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new StreamReply(AgentFrames.ReturnControl(
                "inv-confirm",
                AgentFrames.Function("k8s", "restart_deployment", [("name", "string", "checkout")], "USER_CONFIRMATION", agentId: "COLLAB0001"),
                AgentFrames.Function("k8s", "delete_namespace", [("name", "string", "shop")], "USER_CONFIRMATION_AND_RESULT"))),
            new StreamReply(AgentFrames.Chunk("Restarted; deletion refused.")));
        using var pipeline = fake.Pipeline();

        var result = await new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(Request(), (request, _) =>
        {
            Assert.All(request.InvocationInputs, input => Assert.True(input.RequiresConfirmation));
            var restart = request.InvocationInputs[0].FunctionInvocationInput!;
            var delete = request.InvocationInputs[1].FunctionInvocationInput!;
            return Task.FromResult(new ReturnControlResults
            {
                Results =
                [
                    InvocationResult.ForFunction(restart, body: null, confirmationState: ConfirmationState.Confirm),
                    InvocationResult.ForFunction(delete, "Denied by policy: namespaces are never deleted.", ResponseState.Reprompt, ConfirmationState.Deny),
                ],
            });
        }, cancellationToken: Token);

        Assert.Equal("Restarted; deletion refused.", result.Text);
        var results = fake.Requests[1].Json.GetProperty("sessionState").GetProperty("returnControlInvocationResults").EnumerateArray().Select(r => r.GetProperty("functionResult")).ToList();
        Assert.Equal("CONFIRM", results[0].GetProperty("confirmationState").GetString());
        Assert.Equal("COLLAB0001", results[0].GetProperty("agentId").GetString());
        Assert.False(results[0].TryGetProperty("responseBody", out _));
        Assert.False(results[0].TryGetProperty("responseState", out _));
        Assert.Equal("DENY", results[1].GetProperty("confirmationState").GetString());
        Assert.Equal("REPROMPT", results[1].GetProperty("responseState").GetString());
        Assert.Equal("Denied by policy: namespaces are never deleted.", results[1].GetProperty("responseBody").GetProperty("TEXT").GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_loop_stops_with_a_typed_error_when_the_agent_wants_more_rounds_than_allowed()
    {
        await using var fake = FakeBedrockAgentRuntime.Start((_, n) => new StreamReply(
            AgentFrames.Usage("orchestrationTrace", 100, 10),
            AgentFrames.ReturnControl($"inv-{n + 1}", AgentFrames.Function("k8s", "get_events", []))));
        using var pipeline = fake.Pipeline();
        var calls = 0;

        var error = await Assert.ThrowsAsync<ReturnControlLimitException>(() => new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(
            Request(),
            (request, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(new ReturnControlResults { Results = [InvocationResult.ForFunction(request.InvocationInputs[0].FunctionInvocationInput!, "[]")] });
            },
            new ReturnControlLoopOptions { MaxRounds = 2 },
            Token));

        Assert.Equal(ReturnControlLimit.MaxRounds, error.Limit);
        Assert.Equal(2, calls);
        Assert.Equal(2, error.Partial.Rounds);
        Assert.Equal(3, error.Partial.Invocations);
        Assert.Equal(new TokenUsage(300, 30), error.Partial.Usage);
        Assert.Equal("inv-3", error.Pending!.InvocationId);
        Assert.Equal(["inv-1", "inv-2", "inv-3"], error.Partial.ReturnControls.Select(r => r.InvocationId));
        Assert.Equal(3, fake.Requests.Count);
    }

    [Fact]
    public async Task The_loop_stops_with_a_typed_error_when_its_deadline_passes_and_the_executor_is_cancelled()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(
            AgentFrames.Usage("orchestrationTrace", 100, 10),
            AgentFrames.ReturnControl("inv-slow", AgentFrames.Function("k8s", "wait_for_rollout", []))));
        using var pipeline = fake.Pipeline();
        var clock = new SteppedTimeProvider();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executorCancelled = false;

        var run = new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(
            Request(),
            async (_, cancellationToken) =>
            {
                entered.SetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    executorCancelled = true;
                    throw;
                }

                return new ReturnControlResults { Results = [] };
            },
            new ReturnControlLoopOptions { Timeout = TimeSpan.FromSeconds(30), TimeProvider = clock },
            Token);
        await entered.Task.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ReturnControlLimitException>(() => run);

        Assert.Equal(ReturnControlLimit.Deadline, error.Limit);
        Assert.True(executorCancelled);
        Assert.Equal(0, error.Partial.Rounds);
        Assert.Equal(1, error.Partial.Invocations);
        Assert.Equal(new TokenUsage(100, 10), error.Partial.Usage);
        Assert.Equal("inv-slow", error.Pending!.InvocationId);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_a_cancellation_not_a_limit()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.ReturnControl("inv-1", AgentFrames.Function("k8s", "get_events", []))));
        using var pipeline = fake.Pipeline();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(Request(), async (_, cancellationToken) =>
        {
            await caller.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return new ReturnControlResults { Results = [] };
        }, cancellationToken: caller.Token);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.IsNotType<ReturnControlLimitException>(error);
    }

    [Fact]
    public async Task An_exception_event_in_a_later_round_ends_the_run_with_its_typed_exception()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new StreamReply(AgentFrames.ReturnControl("inv-1", AgentFrames.Function("k8s", "scale", [("replicas", "integer", "3")]))),
            new StreamReply(AgentFrames.Exception("dependencyFailedException", """{"message":"action failed","resourceName":"k8s"}""")));
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<AgentDependencyFailedException>(() => new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(
            Request(),
            (request, _) => Task.FromResult(new ReturnControlResults { Results = [InvocationResult.ForFunction(request.InvocationInputs[0].FunctionInvocationInput!, "quota exceeded", ResponseState.Failure)] }),
            cancellationToken: Token));

        Assert.Equal("action failed", error.ErrorMessage);
        Assert.Equal("k8s", error.ResourceName);
        Assert.Equal("FAILURE", fake.Requests[1].Json.GetProperty("sessionState").GetProperty("returnControlInvocationResults")[0].GetProperty("functionResult").GetProperty("responseState").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task An_executor_answer_without_one_to_five_results_is_refused_before_calling_the_agent_again(int count)
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.ReturnControl("inv-1", AgentFrames.Function("k8s", "get_events", []))));
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(
            Request(),
            (request, _) => Task.FromResult(new ReturnControlResults
            {
                Results = [.. Enumerable.Repeat(InvocationResult.ForFunction(request.InvocationInputs[0].FunctionInvocationInput!, "x"), count)],
            }),
            cancellationToken: Token));

        Assert.Contains("inv-1", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task The_answer_joins_chunk_bytes_before_decoding_so_a_character_split_between_chunks_survives()
    {
        var text = Encoding.UTF8.GetBytes("Memory limit 512Mi → 1Gi; 日本 ✓");
        var split = Array.IndexOf(text, (byte)0xE2) + 1; // inside the three bytes of "→"
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.ChunkBytes(text[..split]), AgentFrames.ChunkBytes(text[split..])));
        using var pipeline = fake.Pipeline();

        var result = await new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(Request(), (_, _) => throw new InvalidOperationException("no control expected"), cancellationToken: Token);

        Assert.Equal("Memory limit 512Mi → 1Gi; 日本 ✓", result.Text);
        Assert.Equal(0, result.Rounds);
        Assert.Equal(1, result.Invocations);
    }

    [Fact]
    public async Task The_executor_can_set_the_attributes_of_the_next_call_and_the_interface_overload_runs_it()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new StreamReply(AgentFrames.ReturnControl("inv-1", AgentFrames.Function("k8s", "get_events", []))),
            new StreamReply(AgentFrames.Chunk("done")));
        using var pipeline = fake.Pipeline();

        var result = await new BedrockAgentRuntimeClient(pipeline).RunAgentAsync(Request(), new AttributeSettingExecutor(), cancellationToken: Token);

        Assert.Equal("done", result.Text);
        var state = fake.Requests[1].Json.GetProperty("sessionState");
        Assert.Equal("diagnose", state.GetProperty("sessionAttributes").GetProperty("phase").GetString());
        Assert.Equal("UTC", state.GetProperty("promptSessionAttributes").GetProperty("timeZone").GetString());
        Assert.Equal(JsonValueKind.Undefined, state.GetProperty("sessionAttributes").TryGetProperty("incidentId", out var old) ? old.ValueKind : JsonValueKind.Undefined);
    }

    private sealed class AttributeSettingExecutor : IReturnControlExecutor
    {
        public Task<ReturnControlResults> ExecuteAsync(ReturnControlRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ReturnControlResults
            {
                Results = [InvocationResult.ForFunction(request.InvocationInputs[0].FunctionInvocationInput!, "[]")],
                SessionAttributes = new Dictionary<string, string> { ["phase"] = "diagnose" },
                PromptSessionAttributes = new Dictionary<string, string> { ["timeZone"] = "UTC" },
            });
    }
}
