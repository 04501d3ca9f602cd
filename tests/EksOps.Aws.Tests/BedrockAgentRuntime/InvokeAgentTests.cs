using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.EventStreams;

namespace EksOps.Aws.Tests.BedrockAgentRuntime;

public sealed class InvokeAgentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static InvokeAgentRequest Request(string sessionId = "session-1") => new()
    {
        AgentId = "AGENT12345",
        AgentAliasId = "TSTALIASID",
        SessionId = sessionId,
        InputText = "Why is checkout-api crash-looping?",
        EnableTrace = true,
    };

    [Fact]
    public async Task The_request_is_a_signed_POST_to_the_session_text_path_with_only_body_members_in_the_JSON()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("ok")));
        using var pipeline = fake.Pipeline();
        var client = new BedrockAgentRuntimeClient(pipeline);

        await using var response = await client.InvokeAgentAsync(Request() with
        {
            EndSession = false,
            MemoryId = "memory-1",
            SourceArn = "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT12345",
            StreamingConfigurations = new StreamingConfigurations { StreamFinalResponse = true, ApplyGuardrailInterval = 20 },
            SessionState = new SessionState
            {
                SessionAttributes = new Dictionary<string, string> { ["incidentId"] = "inc-42", ["cluster"] = "prod" },
                PromptSessionAttributes = new Dictionary<string, string> { ["timeZone"] = "UTC" },
            },
        }, Token);
        await foreach (var _ in response.WithCancellation(Token))
        {
        }

        var request = Assert.Single(fake.Requests);
        Assert.Null(request.SignatureProblem);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/agents/AGENT12345/agentAliases/TSTALIASID/sessions/session-1/text", request.RawTarget);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("arn:aws:bedrock:us-east-1:123456789012:agent/AGENT12345", request.Header("x-amz-source-arn"));
        Assert.Contains("/us-east-1/bedrock/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        var expected = JsonNode.Parse("""
            {"inputText":"Why is checkout-api crash-looping?",
             "sessionState":{"sessionAttributes":{"incidentId":"inc-42","cluster":"prod"},"promptSessionAttributes":{"timeZone":"UTC"}},
             "enableTrace":true,"endSession":false,"memoryId":"memory-1",
             "streamingConfigurations":{"streamFinalResponse":true,"applyGuardrailInterval":20}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Unset_members_are_not_sent_at_all()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("ok")));
        using var pipeline = fake.Pipeline();

        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(
            new InvokeAgentRequest { AgentId = "A1", AgentAliasId = "B2", SessionId = "s1", InputText = "hi" }, Token);

        Assert.Equal("""{"inputText":"hi"}""", Encoding.UTF8.GetString(Assert.Single(fake.Requests).Body));
    }

    [Theory]
    [InlineData("user:42")]
    [InlineData("incident 7/checkout-api")]
    [InlineData("alarm#1?x=y&z")]
    [InlineData("100%done")]
    [InlineData("tilde~dash-dot.under_score")]
    [InlineData("ünïcødé-日本")]
    public async Task A_session_id_that_needs_escaping_is_sent_percent_encoded_and_signed_as_the_service_expects(string sessionId)
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("ok")));
        using var pipeline = fake.Pipeline();

        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(sessionId), Token);

        var request = Assert.Single(fake.Requests);
        Assert.Null(request.SignatureProblem);
        Assert.Equal($"/agents/AGENT12345/agentAliases/TSTALIASID/sessions/{Uri.EscapeDataString(sessionId)}/text", request.RawTarget);
    }

    [Fact]
    public async Task The_response_names_the_session_the_service_echoes()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("ok")));
        using var pipeline = fake.Pipeline();

        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request("incident:42:round-1"), Token);

        Assert.Equal("incident:42:round-1", response.SessionId);
    }

    [Fact]
    public async Task The_fake_service_rejects_a_request_signed_with_another_secret()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("ok")));
        using var pipeline = fake.Pipeline(o => o.Credentials = new Amazon.Runtime.BasicAWSCredentials(FakeBedrockAgentRuntime.AccessKey, "not-the-secret"));

        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request("user:42"), Token);

        Assert.StartsWith("signature mismatch", Assert.Single(fake.Requests).SignatureProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public async Task A_session_id_that_cannot_be_a_path_label_is_refused_before_sending(string sessionId)
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply());
        using var pipeline = fake.Pipeline();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(sessionId), Token));

        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Every_event_type_decodes_into_its_typed_event_and_usage_is_summed_from_model_outputs_only()
    {
        var attribution = JsonNode.Parse("""
            {"citations":[{"generatedResponsePart":{"textResponsePart":{"text":"OOMKilled","span":{"start":0,"end":8}}},
              "retrievedReferences":[{"content":{"type":"TEXT","text":"runbook: raise the memory limit"},"location":{"type":"S3","s3Location":{"uri":"s3://runbooks/oom.md"}},"metadata":{"team":"sre"}}]}]}
            """);
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(
            AgentFrames.Usage("preProcessingTrace", 100, 10),
            AgentFrames.Rationale("The pod restarts with exit code 137."),
            AgentFrames.Usage("orchestrationTrace", 1234, 56),
            AgentFrames.Usage("routingClassifierTrace", 7, 3),
            AgentFrames.Usage("postProcessingTrace", 200, 20),
            AgentFrames.Files(("report.csv", "text/csv", "a,b\n1,2\n"u8.ToArray())),
            AgentFrames.Event("somethingNew", """{"x":1}"""),
            AgentFrames.ChunkBytes("OOMKilled: raise the limit."u8.ToArray(), attribution))
        { MemoryId = "memory-7" });
        using var pipeline = fake.Pipeline();

        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(), Token);
        var events = new List<InvokeAgentEvent>();
        await foreach (var agentEvent in response.WithCancellation(Token))
        {
            events.Add(agentEvent);
        }

        Assert.Equal(["trace", "trace", "trace", "trace", "trace", "files", "somethingNew", "chunk"], events.Select(e => e.EventType));
        var traces = events.OfType<TraceEvent>().ToList();
        Assert.Equal(["preProcessingTrace", "orchestrationTrace", "orchestrationTrace", "routingClassifierTrace", "postProcessingTrace"], traces.Select(t => t.TraceType));
        Assert.Equal(["modelInvocationOutput", "rationale", "modelInvocationOutput", "modelInvocationOutput", "modelInvocationOutput"], traces.Select(t => t.TraceStep));
        Assert.Equal(new TokenUsage(1234, 56), traces[2].Usage);
        Assert.Equal(TokenUsage.None, traces[1].Usage);
        Assert.Equal(new TokenUsage(100 + 1234 + 7 + 200, 10 + 56 + 3 + 20), response.Usage);
        Assert.Equal("AGENT12345", traces[0].AgentId);
        Assert.Equal("TSTALIASID", traces[0].AgentAliasId);
        Assert.Equal("DRAFT", traces[0].AgentVersion);
        Assert.Equal("session-1", traces[0].SessionId);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, 123, TimeSpan.Zero), traces[0].EventTime);
        Assert.Equal(["arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/TSTALIASID"], traces[0].CallerChain);
        Assert.Contains("\"inputTokens\":1234", traces[2].Json, StringComparison.Ordinal);
        Assert.Equal("The pod restarts with exit code 137.", JsonNode.Parse(traces[1].Json)!["trace"]!["orchestrationTrace"]!["rationale"]!["text"]!.GetValue<string>());

        var file = Assert.Single(Assert.IsType<FilesEvent>(events[5]).Files);
        Assert.Equal(("report.csv", "text/csv"), (file.Name, file.Type));
        Assert.Equal("a,b\n1,2\n"u8.ToArray(), file.Bytes);
        Assert.Equal("""{"x":1}""", Encoding.UTF8.GetString(Assert.IsType<UnknownAgentEvent>(events[6]).Payload.Span));

        var chunk = Assert.IsType<ChunkEvent>(events[7]);
        Assert.Equal("OOMKilled: raise the limit.", chunk.Text);
        var citation = Assert.Single(chunk.Attribution!.Citations);
        Assert.Equal("OOMKilled", citation.GeneratedResponsePart!.TextResponsePart!.Text);
        Assert.Equal((0, 8), (citation.GeneratedResponsePart.TextResponsePart.Span!.Start, citation.GeneratedResponsePart.TextResponsePart.Span.End));
        var reference = Assert.Single(citation.RetrievedReferences);
        Assert.Equal("runbook: raise the memory limit", reference.Content!.Text);
        Assert.Equal("s3://runbooks/oom.md", reference.Location!.Value.GetProperty("s3Location").GetProperty("uri").GetString());

        Assert.Equal("session-1", response.SessionId);
        Assert.Equal("memory-7", response.MemoryId);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("req-1", response.RequestId);
    }

    [Fact]
    public async Task A_return_control_event_carries_function_and_api_inputs_with_every_member()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.ReturnControl(
            "inv-1",
            AgentFrames.Function("k8s", "get_pod_logs", [("namespace", "string", "shop"), ("pod", "string", "checkout-0"), ("tail", "integer", "200")], "RESULT", agentId: "COLLAB0001"),
            AgentFrames.Api("k8s-api", "/deployments/{name}/rollout", "post", [("name", "string", "checkout")], ("application/json", [("replicas", "integer", "3"), ("reason", "string", "OOM")]), "USER_CONFIRMATION_AND_RESULT"),
            AgentFrames.Function("k8s", "future_kind", [], "SOMETHING_NEW"))));
        using var pipeline = fake.Pipeline();

        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(), Token);
        var events = new List<InvokeAgentEvent>();
        await foreach (var agentEvent in response.WithCancellation(Token))
        {
            events.Add(agentEvent);
        }

        var payload = Assert.IsType<ReturnControlEvent>(Assert.Single(events)).Payload;
        Assert.Equal("inv-1", payload.InvocationId);
        Assert.Equal(3, payload.InvocationInputs.Count);

        var function = payload.InvocationInputs[0].FunctionInvocationInput!;
        Assert.Null(payload.InvocationInputs[0].ApiInvocationInput);
        Assert.Equal(("k8s", "get_pod_logs", "COLLAB0001"), (function.ActionGroup, function.Function, function.AgentId));
        Assert.Equal(ActionInvocationType.Result, function.ActionInvocationType);
        Assert.False(function.RequiresConfirmation);
        Assert.Equal("200", function.GetParameter("tail"));
        Assert.Equal("integer", function.Parameters[2].Type);

        var api = payload.InvocationInputs[1].ApiInvocationInput!;
        Assert.Equal(("k8s-api", "/deployments/{name}/rollout", "post"), (api.ActionGroup, api.ApiPath, api.HttpMethod));
        Assert.Equal(ActionInvocationType.UserConfirmationAndResult, api.ActionInvocationType);
        Assert.True(payload.InvocationInputs[1].RequiresConfirmation);
        Assert.Equal("checkout", api.GetParameter("name"));
        Assert.Equal(["replicas", "reason"], api.RequestBody!.Content["application/json"].Properties.Select(p => p.Name));
        Assert.Equal("3", api.RequestBody.Content["application/json"].Properties[0].Value);

        Assert.Equal(ActionInvocationType.Unknown, payload.InvocationInputs[2].FunctionInvocationInput!.ActionInvocationType);
        Assert.Empty(payload.InvocationInputs[2].FunctionInvocationInput!.Parameters);
    }

    public static TheoryData<string, Type, HttpStatusCode, string> ExceptionEvents() => new()
    {
        { "accessDeniedException", typeof(AgentAccessDeniedException), HttpStatusCode.Forbidden, "AccessDeniedException" },
        { "badGatewayException", typeof(AgentBadGatewayException), HttpStatusCode.BadGateway, "BadGatewayException" },
        { "conflictException", typeof(AgentConflictException), HttpStatusCode.Conflict, "ConflictException" },
        { "dependencyFailedException", typeof(AgentDependencyFailedException), HttpStatusCode.FailedDependency, "DependencyFailedException" },
        { "internalServerException", typeof(AgentInternalServerException), HttpStatusCode.InternalServerError, "InternalServerException" },
        { "modelNotReadyException", typeof(AgentModelNotReadyException), HttpStatusCode.FailedDependency, "ModelNotReadyException" },
        { "resourceNotFoundException", typeof(AgentResourceNotFoundException), HttpStatusCode.NotFound, "ResourceNotFoundException" },
        { "serviceQuotaExceededException", typeof(AgentServiceQuotaExceededException), HttpStatusCode.BadRequest, "ServiceQuotaExceededException" },
        { "throttlingException", typeof(AgentThrottlingException), HttpStatusCode.TooManyRequests, "ThrottlingException" },
        { "validationException", typeof(AgentValidationException), HttpStatusCode.BadRequest, "ValidationException" },
    };

    [Theory]
    [MemberData(nameof(ExceptionEvents))]
    public async Task An_exception_event_mid_stream_throws_its_typed_exception_after_the_events_before_it(string exceptionType, Type expected, HttpStatusCode status, string errorCode)
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(
            AgentFrames.Usage("orchestrationTrace", 10, 1),
            AgentFrames.Exception(exceptionType, """{"message":"it went wrong","resourceName":"arn:aws:lambda:us-east-1:123456789012:function:k8s-tools","reason":"BEDROCK_MODEL_INVOCATION_SERVICE_UNAVAILABLE"}"""),
            AgentFrames.Chunk("never read")));
        using var pipeline = fake.Pipeline();
        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(), Token);
        var seen = new List<InvokeAgentEvent>();

        var error = await Assert.ThrowsAnyAsync<AgentStreamException>(async () =>
        {
            await foreach (var agentEvent in response.WithCancellation(Token))
            {
                seen.Add(agentEvent);
            }
        });

        Assert.IsType(expected, error);
        Assert.IsType<TraceEvent>(Assert.Single(seen));
        Assert.Equal(exceptionType, error.ExceptionType);
        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("it went wrong", error.ErrorMessage);
        Assert.Equal("req-1", error.RequestId);
        Assert.Equal("bedrock-agent-runtime", error.Service);
        Assert.Equal("InvokeAgent", error.Operation);
        Assert.Equal($"bedrock-agent-runtime InvokeAgent stream failed with {exceptionType}: it went wrong (request id req-1)", error.Message);
        Assert.IsAssignableFrom<AwsServiceException>(error);
        switch (error)
        {
            case AgentBadGatewayException badGateway:
                Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:k8s-tools", badGateway.ResourceName);
                break;
            case AgentDependencyFailedException dependency:
                Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:k8s-tools", dependency.ResourceName);
                break;
            case AgentInternalServerException internalServer:
                Assert.Equal("BEDROCK_MODEL_INVOCATION_SERVICE_UNAVAILABLE", internalServer.Reason);
                break;
            case AgentThrottlingException throttling:
                Assert.True(throttling.IsRetryable);
                break;
            default:
                break;
        }
    }

    [Fact]
    public async Task An_unmodelled_error_message_and_an_unknown_exception_type_throw_the_base_stream_exception()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new StreamReply(AgentFrames.Error("InternalFailure", "An internal error occurred.")),
            new StreamReply(AgentFrames.Exception("brandNewException", """{"message":"new"}""")));
        using var pipeline = fake.Pipeline();
        var client = new BedrockAgentRuntimeClient(pipeline);

        var unmodelled = await Assert.ThrowsAsync<AgentStreamException>(() => Drain(client));
        var unknown = await Assert.ThrowsAsync<AgentStreamException>(() => Drain(client));

        Assert.Null(unmodelled.ExceptionType);
        Assert.Equal("InternalFailure", unmodelled.ErrorCode);
        Assert.Equal("An internal error occurred.", unmodelled.ErrorMessage);
        Assert.Equal("brandNewException", unknown.ExceptionType);
        Assert.Equal("BrandNewException", unknown.ErrorCode);
        Assert.Equal("new", unknown.ErrorMessage);
    }

    [Fact]
    public async Task Throttling_before_the_stream_is_retried_and_the_retry_streams()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(
            new ErrorReply(429, "ThrottlingException", "Rate exceeded") { RetryAfter = "0" },
            new ErrorReply(503, "ServiceUnavailableException", "try later"),
            new StreamReply(AgentFrames.Chunk("after the retries")));
        using var pipeline = fake.Pipeline();

        var events = await Drain(new BedrockAgentRuntimeClient(pipeline));

        Assert.Equal("after the retries", Assert.IsType<ChunkEvent>(Assert.Single(events)).Text);
        Assert.Equal(3, fake.Requests.Count);
        Assert.All(fake.Requests, r => Assert.Null(r.SignatureProblem));
        Assert.Single(fake.Requests.Select(r => Encoding.UTF8.GetString(r.Body)).Distinct());
    }

    [Fact]
    public async Task Throttling_on_every_attempt_surfaces_as_the_pipelines_throttling_exception()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new ErrorReply(429, "ThrottlingException", "Rate exceeded"));
        using var pipeline = fake.Pipeline(o => o.Retry.MaxAttempts = 2);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => Drain(new BedrockAgentRuntimeClient(pipeline)));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.ErrorMessage);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_before_the_stream_is_an_AwsServiceException_with_the_services_code_and_is_not_retried()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new ErrorReply(404, "ResourceNotFoundException", "Agent AGENT12345 not found"));
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Drain(new BedrockAgentRuntimeClient(pipeline)));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Messages_written_a_few_bytes_at_a_time_decode_the_same()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(
            AgentFrames.Usage("orchestrationTrace", 5, 6), AgentFrames.Chunk("first"), AgentFrames.Chunk("second")) { PieceSize = 3 });
        using var pipeline = fake.Pipeline();

        var events = await Drain(new BedrockAgentRuntimeClient(pipeline));

        Assert.Equal(["trace", "chunk", "chunk"], events.Select(e => e.EventType));
        Assert.Equal("second", ((ChunkEvent)events[2]).Text);
    }

    [Fact]
    public async Task A_connection_dropped_inside_a_message_fails_the_enumeration_after_the_complete_ones()
    {
        var first = AgentFrames.Chunk("complete");
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(first, AgentFrames.Chunk("cut short")) { AbortAfterBytes = first.Length + 20 });
        using var pipeline = fake.Pipeline();
        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(), Token);
        var seen = new List<InvokeAgentEvent>();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var agentEvent in response.WithCancellation(Token))
            {
                seen.Add(agentEvent);
            }
        });

        Assert.True(error is IOException or EventStreamFormatException { Kind: EventStreamErrorKind.Truncated }, error.ToString());
        Assert.Equal("complete", Assert.IsType<ChunkEvent>(Assert.Single(seen)).Text);
    }

    [Fact]
    public async Task A_corrupted_message_fails_with_its_checksum_error()
    {
        var corrupted = AgentFrames.Chunk("payload");
        corrupted[^6] ^= 0x20;
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("good"), corrupted));
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<EventStreamFormatException>(() => Drain(new BedrockAgentRuntimeClient(pipeline)));

        Assert.Equal(EventStreamErrorKind.MessageChecksumMismatch, error.Kind);
        Assert.StartsWith("Message checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_body_instead_of_an_event_stream_is_reported_as_such()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply("""{"completion":"?"}"""u8.ToArray()) { ContentType = "application/json" });
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(), Token));

        Assert.Contains("application/vnd.amazon.eventstream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_event_payload_names_the_event()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Event("returnControl", "not json")));
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<System.Text.Json.JsonException>(() => Drain(new BedrockAgentRuntimeClient(pipeline)));

        Assert.Contains("'returnControl' event", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_a_message_type_is_a_protocol_error()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(
            AgentFrames.Message([(":event-type", "chunk")], """{"bytes":"aGk="}""")));
        using var pipeline = fake.Pipeline();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Drain(new BedrockAgentRuntimeClient(pipeline)));

        Assert.Contains(":message-type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_can_be_enumerated_only_once()
    {
        await using var fake = FakeBedrockAgentRuntime.Script(new StreamReply(AgentFrames.Chunk("once")));
        using var pipeline = fake.Pipeline();
        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(Request(), Token);

        await foreach (var _ in response.WithCancellation(Token))
        {
        }

        Assert.Throws<InvalidOperationException>(() => response.GetAsyncEnumerator(Token));
    }

    private static async Task<List<InvokeAgentEvent>> Drain(BedrockAgentRuntimeClient client)
    {
        await using var response = await client.InvokeAgentAsync(Request(), Token);
        var events = new List<InvokeAgentEvent>();
        await foreach (var agentEvent in response.WithCancellation(Token))
        {
            events.Add(agentEvent);
        }

        return events;
    }
}
