using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

/// <summary>The loopback Runtime API itself, driven by a plain HTTP client as a runtime would.</summary>
public sealed class RuntimeApiServerTests : IAsyncLifetime
{
    private RuntimeApiServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RuntimeApiServer.StartAsync(cancellationToken: Wait.Token);
        _http = new HttpClient(new SocketsHttpHandler { ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = _server.BaseUri,
            Timeout = Wait.Generous,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<HttpResponseMessage> NextAsync() => await _http.GetAsync("runtime/invocation/next", Wait.Token);

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType = "application/json", string? errorType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("lambda-runtime-function-error-type", errorType);
        }

        return await _http.SendAsync(request, Wait.Token);
    }

    private Task<HttpResponseMessage> RespondAsync(string requestId, string body) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", Encoding.UTF8.GetBytes(body));

    private static async Task<JsonElement> JsonBodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Wait.Token)).RootElement.Clone();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    [Fact]
    public async Task GET_next_waits_for_an_invocation_and_delivers_the_raw_event_with_the_Lambda_headers()
    {
        var next = NextAsync();
        var arrived = await _server.FirstNextRequest.Bounded();
        Assert.False(next.IsCompleted); // nothing is queued, so the server cannot have answered

        byte[] payload = [(byte)'{', 0xC3, 0xA9, (byte)'}']; // "{é}": not valid JSON, delivered byte for byte
        var invocation = _server.InvokeAsync(payload, new InvocationOptions
        {
            RequestId = "req-1",
            FunctionArn = "arn:aws:lambda:eu-west-1:111122223333:function:f:live",
            TraceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            ClientContext = """{"custom":{"bedrockAgentCoreToolName":"t___café"}}""",
            CognitoIdentity = """{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}""",
            TenantId = "tenant-1",
            Timeout = TimeSpan.FromSeconds(10),
        }, Wait.Token);
        using var response = await next.Bounded();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync(Wait.Token));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("req-1", Header(response, "Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal("arn:aws:lambda:eu-west-1:111122223333:function:f:live", Header(response, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", Header(response, "Lambda-Runtime-Trace-Id"));
        Assert.Equal("""{"custom":{"bedrockAgentCoreToolName":"t___café"}}""", Header(response, "Lambda-Runtime-Client-Context"));
        Assert.Equal("""{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}""", Header(response, "Lambda-Runtime-Cognito-Identity"));
        Assert.Equal("tenant-1", Header(response, "Lambda-Runtime-Aws-Tenant-Id"));
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Header(response, "Lambda-Runtime-Deadline-Ms"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(deadline > arrived, $"{deadline:O} vs {arrived:O}");

        using var accepted = await RespondAsync("req-1", """{"ok":true}""");
        var result = await invocation.Bounded();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("OK", (await JsonBodyAsync(accepted)).GetProperty("status").GetString());
        Assert.False(result.IsError);
        Assert.Equal("""{"ok":true}""", result.PayloadText);
        Assert.Equal(deadline, result.Deadline);
        Assert.Equal(1, _server.NextRequestCount);
        Assert.Equal(1, _server.AnswerCount("req-1"));
    }

    [Fact]
    public async Task Optional_headers_are_omitted_and_a_default_trace_header_is_generated()
    {
        var withDefaults = _server.InvokeAsync("{}", cancellationToken: Wait.Token);
        using var first = await NextAsync();
        var withoutTrace = _server.InvokeAsync("{}", new InvocationOptions { TraceId = "" }, Wait.Token);
        await RespondAsync(Header(first, "Lambda-Runtime-Aws-Request-Id"), "1");
        using var second = await NextAsync();
        await RespondAsync(Header(second, "Lambda-Runtime-Aws-Request-Id"), "2");
        await Task.WhenAll(withDefaults, withoutTrace).Bounded();

        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$", Header(first, "Lambda-Runtime-Trace-Id"));
        Assert.True(Guid.TryParse(Header(first, "Lambda-Runtime-Aws-Request-Id"), out _));
        Assert.Equal("arn:aws:lambda:us-east-1:012345678912:function:test-function", Header(first, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.False(first.Headers.Contains("Lambda-Runtime-Client-Context"));
        Assert.False(first.Headers.Contains("Lambda-Runtime-Cognito-Identity"));
        Assert.False(first.Headers.Contains("Lambda-Runtime-Aws-Tenant-Id"));
        Assert.False(second.Headers.Contains("Lambda-Runtime-Trace-Id"));
    }

    [Fact]
    public async Task A_second_answer_for_the_same_request_is_refused_with_403_InvalidStateTransition()
    {
        var invocation = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "once" }, Wait.Token);
        using var next = await NextAsync();

        using var first = await RespondAsync("once", "\"first\"");
        using var again = await RespondAsync("once", "\"second\"");
        using var error = await PostAsync("runtime/invocation/once/error", """{"errorType":"Late","errorMessage":"late"}"""u8.ToArray());
        var result = await invocation.Bounded();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var body = await JsonBodyAsync(again);
        Assert.Equal("InvalidStateTransition", body.GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("errorMessage").GetString()));
        Assert.Equal("\"first\"", result.PayloadText);
        Assert.Equal(3, _server.AnswerCount("once"));
    }

    [Fact]
    public async Task An_answer_for_a_request_id_never_handed_out_gets_400_InvalidRequestID()
    {
        var queued = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "queued-only" }, Wait.Token);

        using var unknown = await RespondAsync("no-such-id", "{}");
        using var notDelivered = await RespondAsync("queued-only", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("InvalidRequestID", (await JsonBodyAsync(unknown)).GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notDelivered.StatusCode);
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, _server.AnswerCount("no-such-id"));
    }

    [Fact]
    public async Task A_response_over_6_MB_gets_413_and_fails_the_invocation_with_Function_ResponseSizeTooLarge()
    {
        const int Limit = 6 * 1024 * 1024;
        var tooLarge = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "big" }, Wait.Token);
        using (await NextAsync())
        {
        }

        using var refused = await PostAsync("runtime/invocation/big/response", new byte[Limit + 1]);
        using var afterwards = await PostAsync("runtime/invocation/big/error", "{}"u8.ToArray());
        var failed = await tooLarge.Bounded();

        var atLimit = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "limit" }, Wait.Token);
        using (await NextAsync())
        {
        }

        using var accepted = await PostAsync("runtime/invocation/limit/response", new byte[Limit]);
        var succeeded = await atLimit.Bounded();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("RequestEntityTooLarge", (await JsonBodyAsync(refused)).GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
        Assert.True(failed.IsError);
        Assert.Equal(RuntimeApiServer.ResponseSizeTooLargeErrorType, failed.ErrorType);
        Assert.Contains("6291456", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(Limit + 1, Assert.Single(_server.Requests, r => r.RequestId == "big" && r.StatusCode == 413).BodyLength);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.False(succeeded.IsError);
        Assert.Equal(Limit, succeeded.Payload.Length);
    }

    [Fact]
    public async Task An_invocation_not_answered_by_its_deadline_ends_with_Sandbox_Timeout_and_a_late_answer_gets_403()
    {
        var invocation = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "slow", Timeout = TimeSpan.FromMilliseconds(250) }, Wait.Token);
        using (await NextAsync())
        {
        }

        var result = await invocation.Bounded();
        using var late = await RespondAsync("slow", "{}");

        Assert.True(result.IsError);
        Assert.Equal(RuntimeApiServer.TimeoutErrorType, result.ErrorType);
        Assert.EndsWith("slow Task timed out after 0.25 seconds", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(result.ContentType);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Equal("InvalidStateTransition", (await JsonBodyAsync(late)).GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task The_error_route_records_content_type_error_type_header_and_the_parsed_document()
    {
        var invocation = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "err" }, Wait.Token);
        using (await NextAsync())
        {
        }

        using var accepted = await PostAsync(
            "runtime/invocation/err/error",
            """{"errorType":"InvalidOperationException","errorMessage":"boom","stackTrace":["at A()","at B()"],"cause":{"errorType":"IOException"}}"""u8.ToArray(),
            "application/vnd.aws.lambda.error+json",
            "Runtime.UnknownReason");
        var result = await invocation.Bounded();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True(result.IsError);
        Assert.Equal("application/vnd.aws.lambda.error+json", result.ContentType);
        Assert.Equal("Runtime.UnknownReason", result.ErrorTypeHeader);
        Assert.Equal("InvalidOperationException", result.ErrorType);
        Assert.Equal("boom", result.ErrorMessage);
        Assert.Equal(["at A()", "at B()"], result.StackTrace);
        Assert.Equal("IOException", result.ErrorDocument!.Value.GetProperty("cause").GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task An_error_body_that_is_not_JSON_is_kept_raw_with_the_header()
    {
        var invocation = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "raw" }, Wait.Token);
        using (await NextAsync())
        {
        }

        using var accepted = await PostAsync("runtime/invocation/raw/error", "segfault"u8.ToArray(), "text/plain", "Runtime.ExitError");
        var result = await invocation.Bounded();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("segfault", result.PayloadText);
        Assert.Equal("Runtime.ExitError", result.ErrorTypeHeader);
        Assert.Null(result.ErrorType);
        Assert.Null(result.ErrorDocument);
        Assert.Empty(result.StackTrace);
    }

    [Fact]
    public async Task An_init_error_is_recorded_fails_queued_and_later_invocations_and_closes_GET_next()
    {
        var queued = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "queued" }, Wait.Token);

        using var accepted = await PostAsync(
            "runtime/init/error",
            """{"errorMessage":"Failed to load function.","errorType":"InvalidFunctionException"}"""u8.ToArray(),
            "application/vnd.aws.lambda.error+json",
            "Unhandled");
        var error = await _server.InitErrorReported.Bounded();
        var failedQueued = await queued.Bounded();
        var failedLater = await _server.InvokeAsync("{}", cancellationToken: Wait.Token).Bounded();
        using var next = await NextAsync();
        using var second = await PostAsync("runtime/init/error", "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("InvalidFunctionException", error.ErrorType);
        Assert.Equal("Failed to load function.", error.ErrorMessage);
        Assert.Equal("Unhandled", error.ErrorTypeHeader);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.All([failedQueued, failedLater], result =>
        {
            Assert.True(result.IsError);
            Assert.Equal("InvalidFunctionException", result.ErrorType);
            Assert.Null(result.DeliveredAt);
        });
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }

    [Fact]
    public async Task An_init_error_after_the_first_GET_next_is_refused_with_403()
    {
        var invocation = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "ok" }, Wait.Token);
        using (await NextAsync())
        {
        }

        using var refused = await PostAsync("runtime/init/error", """{"errorType":"X","errorMessage":"too late"}"""u8.ToArray());
        await RespondAsync("ok", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("InvalidStateTransition", (await JsonBodyAsync(refused)).GetProperty("errorType").GetString());
        Assert.False((await invocation.Bounded()).IsError);
        Assert.False(_server.InitErrorReported.IsCompleted);
    }

    [Fact]
    public async Task Request_ids_are_URL_decoded_from_the_path()
    {
        const string Id = "a/b c+d%e";
        var invocation = _server.InvokeAsync("{}", new InvocationOptions { RequestId = Id }, Wait.Token);
        using (await NextAsync())
        {
        }

        using var accepted = await RespondAsync(Id, "\"done\"");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("\"done\"", (await invocation.Bounded()).PayloadText);
        Assert.Equal(1, _server.AnswerCount(Id));
        Assert.Contains("a%2Fb%20c%2Bd%25e", Assert.Single(_server.Requests, r => r.Method == "POST").Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_invocation_is_never_delivered()
    {
        using var withdraw = CancellationTokenSource.CreateLinkedTokenSource(Wait.Token);
        var withdrawn = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "withdrawn" }, withdraw.Token);
        await withdraw.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        var kept = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "kept" }, Wait.Token);

        using var next = await NextAsync();

        Assert.Equal("kept", Header(next, "Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal(0, _server.QueuedInvocationCount);
        await RespondAsync("kept", "{}");
        Assert.False((await kept.Bounded()).IsError);
    }

    [Fact]
    public async Task Disposing_the_server_fails_invocations_still_waiting()
    {
        var waiting = _server.InvokeAsync("{}", cancellationToken: Wait.Token);

        await _server.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.Bounded());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _server.InvokeAsync("{}", cancellationToken: Wait.Token));
    }

    [Fact]
    public async Task Unknown_routes_get_404_and_wrong_methods_405()
    {
        using var unknown = await _http.GetAsync("runtime/invocation/next/extra", Wait.Token);
        using var restore = await _http.GetAsync("runtime/restore/next", Wait.Token);
        using var wrongMethod = await PostAsync("runtime/invocation/next", []);
        using var getResponse = await _http.GetAsync("runtime/invocation/x/response", Wait.Token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restore.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getResponse.StatusCode);
        Assert.Equal(0, _server.NextRequestCount);
    }

    [Fact]
    public async Task A_request_id_cannot_be_used_twice()
    {
        var first = _server.InvokeAsync("{}", new InvocationOptions { RequestId = "dup" }, Wait.Token);

        await Assert.ThrowsAsync<ArgumentException>(() => _server.InvokeAsync("{}", new InvocationOptions { RequestId = "dup" }, Wait.Token));
        Assert.False(first.IsCompleted);
    }

    [Fact]
    public async Task A_timeout_must_be_positive()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _server.InvokeAsync("{}", new InvocationOptions { Timeout = TimeSpan.Zero }, Wait.Token));
        Assert.Equal(0, _server.QueuedInvocationCount);
    }
}
