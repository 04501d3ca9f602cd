using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Approval.Tests.Support;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Lambda.Testing;
using EksOps.Mcp;

namespace EksOps.Approval.Tests;

public sealed class ApprovalHandlerTests
{
    [Theory]
    [InlineData("[1, 2]", "JSON array")]
    [InlineData("\"hello\"", "JSON string")]
    [InlineData("""{"detail-type":"Scheduled Event"}""", "JSON object that is neither")]
    [InlineData("""{"requestContext":{"accountId":"1"}}""", "neither")]
    public async Task Events_of_neither_shape_fail_with_a_clear_error(string json, string expected)
    {
        using var harness = ApprovalHarness.Create();

        var error = await Assert.ThrowsAsync<ApprovalEventException>(() => harness.Handler.HandleAsync(JsonDocument.Parse(json).RootElement, ApprovalHarness.Context()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_url_event_of_the_wrong_types_is_answered_400()
    {
        using var harness = ApprovalHarness.Create();

        var answer = await harness.Handler.HandleAsync(
            JsonDocument.Parse("""{"version":"2.0","rawPath":"/decide","headers":5,"requestContext":{"http":{"method":"GET"}}}""").RootElement,
            ApprovalHarness.Context());

        Assert.Equal(400, (int?)answer["statusCode"]);
        Assert.Equal("bad-request", (string?)JsonNode.Parse((string)answer["body"]!)!["outcome"]);
    }

    [Fact]
    public async Task An_event_without_a_method_is_a_bad_request()
    {
        using var harness = ApprovalHarness.Create();

        var answer = await harness.Handler.HandleAsync(
            JsonDocument.Parse("""{"version":"2.0","rawPath":"/decide","requestContext":{"http":{}}}""").RootElement, ApprovalHarness.Context());

        Assert.Equal(400, (int?)answer["statusCode"]);
    }

    [Fact]
    public async Task An_unexpected_failure_is_answered_500_without_internals_and_logged()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        await harness.RequestAsync();
        var handler = new ApprovalFunctionUrlHandler(new BrokenStore(), new Aws.StepFunctions.StepFunctionsClient(new Aws.Http.AwsHttpPipeline(new Aws.AwsClientOptions
        {
            Region = "eu-west-1",
            Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b"),
            TransportHandler = harness.StepFunctions,
            GetEnvironmentVariable = _ => null,
        })), harness.Options, harness.Clock);
        var context = ApprovalHarness.Context();

        var response = await handler.HandleAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"), context);

        Assert.Equal(500, response.StatusCode);
        Assert.Contains(context.AwsRequestId, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenStore", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        Assert.Contains(context.TestLogger.Entries, e => e.Level == LambdaLogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task The_runtime_loop_answers_bad_events_and_keeps_serving()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        await harness.RequestAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = LambdaRuntime.RunAsync<JsonElement, JsonNode>(
            harness.Handler.HandleAsync,
            ApprovalJsonContext.Default,
            new LambdaRuntimeOptions { RuntimeApiAddress = server.Address, Output = new CapturedOutputStream(), EnvironmentVariable = _ => null, SetTraceIdEnvironmentVariable = false },
            stop.Token);

        var garbage = await server.InvokeAsync("[1,2,3]", cancellationToken: ct);
        var unknownStep = await server.InvokeAsync("""{"step":"apply","incidentId":"x"}""", cancellationToken: ct);
        var badUrl = await server.InvokeAsync(
            JsonSerializer.Serialize(ApprovalHarness.Http("POST", harness.Link("approve"), "{broken", "application/json"), FunctionUrlJsonContext.Default.FunctionUrlRequest),
            cancellationToken: ct);
        var approver = LocalApprover.ForJsonInvoker(async (json, token) => (await server.InvokeAsync(json, cancellationToken: token)).PayloadText, "runtime-test");
        var decided = await approver.DecideAsync(harness.ApprovalRequested, ApprovalDecision.Approve, "through the Runtime API", ct);

        Assert.True(garbage.IsError);
        Assert.Equal("ApprovalEventException", garbage.ErrorType);
        Assert.True(unknownStep.IsError);
        Assert.False(badUrl.IsError);
        Assert.Equal(400, JsonNode.Parse(badUrl.PayloadText)!["statusCode"]!.GetValue<int>());
        Assert.True(decided.Delivered, decided.Message);
        Assert.Equal("runtime-test (approval link)", (string?)JsonNode.Parse((string)Assert.Single(harness.StepFunctions.Callbacks).Body["output"]!)!["approver"]);

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    /// <summary>A store whose reads fail unexpectedly (a bug, not a service error).</summary>
    private sealed class BrokenStore : IIncidentStore
    {
        private static InvalidOperationException Broken() => new("BrokenStore exploded");

        public Task<CorrelationResult> OpenOrJoinAsync(IncidentRecord candidate, TimeSpan window, CancellationToken cancellationToken) => throw Broken();

        public Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken cancellationToken) => throw Broken();

        public Task<IncidentRecord?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken) => throw Broken();

        public Task<IncidentRecord> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken) => throw Broken();

        public Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken) => throw Broken();

        public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken) => throw Broken();

        public Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken) => throw Broken();

        public Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken) => throw Broken();

        public Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken) => throw Broken();

        public Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) => throw Broken();
    }
}
