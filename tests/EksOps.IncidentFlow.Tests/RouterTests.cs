using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.IncidentFlow.Tests;

/// <summary>The step routers: each function serves its steps; anything else is an <see cref="InvalidStepRequestException"/>.</summary>
public class RouterTests
{
    private static IncidentFlowServices ReportOnly() => new(new IncidentFlowDependencies { Store = new InMemoryIncidentStore(), Events = new RecordingIncidentEventSink() });

    [Fact]
    public void Each_function_serves_its_own_steps()
    {
        var flow = ReportOnly();

        Assert.Equal(["escalate", "report"], flow.Report.Steps);
        Assert.Equal("Report", flow.Report.FunctionName);
    }

    [Fact]
    public async Task A_step_another_function_serves_is_refused_naming_what_this_one_serves()
    {
        var thrown = await Assert.ThrowsAsync<InvalidStepRequestException>(() =>
            ReportOnly().Report.HandleAsync(new JsonObject { ["step"] = "apply", ["incidentId"] = "i-1" }, ServedFlow.Context()));

        Assert.Equal("Report does not serve the step \"apply\"; it serves escalate, report", thrown.Message);
    }

    [Theory]
    [InlineData("""{"incidentId": "i-1"}""", "the task payload needs $.step, a non-empty string, but has none")]
    [InlineData("""{"step": "report", "incidentId": 7}""", "the task payload needs $.incidentId, a non-empty string, but has a number")]
    [InlineData("""{"step": "report", "incidentId": "  "}""", "the task payload needs $.incidentId, a non-empty string, but has an empty or blank string")]
    public async Task A_malformed_payload_is_refused_saying_what_is_wrong(string payload, string message)
    {
        var thrown = await Assert.ThrowsAsync<InvalidStepRequestException>(() => ReportOnly().Report.HandleAsync(JsonNode.Parse(payload)!.AsObject(), ServedFlow.Context()));

        Assert.Equal(message, thrown.Message);
    }

    [Fact]
    public void A_payload_that_is_not_an_object_is_refused()
    {
        var thrown = Assert.Throws<InvalidStepRequestException>(() => StepRequest.Parse(new JsonArray()));

        Assert.StartsWith("the task payload must be a JSON object", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routers_that_need_a_registry_say_so_when_it_is_missing()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => ReportOnly().Investigate);

        Assert.Contains("need a tool registry", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_without_an_alarm_is_refused_and_a_step_for_an_unknown_incident_says_so()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();

        var noAlarm = await Assert.ThrowsAsync<InvalidStepRequestException>(() =>
            flow.Investigate.HandleAsync(new JsonObject { ["step"] = "diagnose", ["incidentId"] = served.IncidentId }, ServedFlow.Context()));
        var unknown = await Assert.ThrowsAsync<IncidentNotFoundException>(() =>
            flow.Remediate.HandleAsync(new JsonObject { ["step"] = "plan", ["incidentId"] = "not-an-incident" }, ServedFlow.Context()));

        Assert.Equal("the diagnose step needs $.alarm, a JSON object, but the payload has none", noAlarm.Message);
        Assert.Equal("the incident store has no incident not-an-incident", unknown.Message);
    }

    [Fact]
    public async Task Behind_the_loopback_runtime_api_a_refused_step_is_reported_with_the_error_type_the_state_machine_catches()
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var flow = ReportOnly();
        var run = LambdaRuntime.RunAsync<JsonObject, JsonObject>(
            flow.Report.HandleAsync,
            IncidentFlowJsonContext.Default,
            new LambdaRuntimeOptions { RuntimeApiAddress = server.Address, Output = new CapturedOutputStream(), EnvironmentVariable = _ => null, SetTraceIdEnvironmentVariable = false },
            stop.Token);

        var refused = await server.InvokeAsync("""{"step": "diagnose", "incidentId": "i-1"}""", cancellationToken: TestContext.Current.CancellationToken);
        var escalated = await server.InvokeAsync("""{"step": "escalate", "incidentId": "i-2", "state": {"error": {"Error": "ApprovalTimedOut", "Cause": "no answer"}}}""", cancellationToken: TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await run;

        Assert.True(refused.IsError);
        Assert.Equal(nameof(InvalidStepRequestException), refused.ErrorType);
        Assert.False(escalated.IsError);
        var answer = JsonNode.Parse(escalated.PayloadText)!;
        Assert.Equal("Escalated", (string?)answer["status"]);
        Assert.Equal("nobody approved or denied the planned change before the approval timeout", (string?)answer["reason"]);
    }
}
