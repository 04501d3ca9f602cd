using System.Text.Json.Nodes;
using EksOps.Approval.Tests.Support;

namespace EksOps.Approval.Tests;

public sealed class IamDecisionTests
{
    private const string Alice = "arn:aws:sts::123456789012:assumed-role/OnCall/alice";
    private const string Decisions = ApprovalHarness.ApprovalUrl + "decisions";

    private static async Task<ApprovalHarness> RequestedAsync()
    {
        var harness = ApprovalHarness.Create(ApprovalAuthMode.Iam);
        await harness.SeedAsync();
        await harness.RequestAsync("task-token-1", timeoutSeconds: 600);
        return harness;
    }

    private static string Body(string decision, string? reason = null, string? patchHash = null) => new JsonObject
    {
        ["incidentId"] = ApprovalHarness.IncidentId,
        ["decision"] = decision,
        ["reason"] = reason,
        ["patchHash"] = patchHash,
    }.ToJsonString();

    [Fact]
    public async Task The_iam_caller_is_the_approver()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("approve", "runbook checked"), "application/json", iamCaller: Alice));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.Headers["content-type"]);
        Assert.Equal(Alice, (string?)ApprovalHarness.Json(response)["approver"]);
        var approval = await harness.EntryAsync("approval");
        Assert.Equal(Alice, (string?)approval!.Data!["approver"]);
        Assert.Equal("iam", (string?)approval.Data["via"]);
        Assert.True(harness.Options.PolicyTokens.Verify((string?)approval.Data["approvalToken"], ApprovalHarness.Change).IsValid);
        var output = JsonNode.Parse((string)Assert.Single(harness.StepFunctions.Callbacks).Body["output"]!)!;
        Assert.Equal(Alice, (string?)output["approver"]);
    }

    [Fact]
    public async Task An_iam_denial_fails_the_task_with_the_caller_and_reason()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("deny", "freeze window"), "application/json", iamCaller: Alice));

        Assert.Equal(200, response.StatusCode);
        var callback = Assert.Single(harness.StepFunctions.Callbacks);
        Assert.Equal("ApprovalDenied", (string?)callback.Body["error"]);
        Assert.Equal(Alice + ": freeze window", (string?)callback.Body["cause"]);
    }

    [Fact]
    public async Task Without_an_iam_caller_the_request_is_unauthenticated()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("approve"), "application/json"));

        Assert.Equal(401, response.StatusCode);
        Assert.Null(await harness.EntryAsync("approval"));
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Theory]
    [InlineData("""{"decision":"approve"}""", "application/json", 400, "incidentId is required")]
    [InlineData("""{"incidentId":"checkout-memory-20260101T120000Z","decision":"yes"}""", "application/json", 400, "\"approve\" or \"deny\"")]
    [InlineData("""{"incidentId":"checkout-memory-20260101T120000Z","decision":"approve","patchHash":"abc"}""", "application/json", 400, "patchHash")]
    [InlineData("""{"incidentId":""", "application/json", 400, "not valid JSON")]
    [InlineData("incidentId=x", "application/x-www-form-urlencoded", 415, "application/json")]
    public async Task Malformed_decisions_are_refused(string body, string contentType, int status, string expected)
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, body, contentType, iamCaller: Alice));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (string?)ApprovalHarness.Json(response)["message"], StringComparison.Ordinal);
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task An_unknown_incident_is_not_found()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions,
            """{"incidentId":"no-such-incident","decision":"approve"}""", "application/json", iamCaller: Alice));

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public async Task A_decision_about_another_plan_is_stale()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("approve", patchHash: "sha256:" + new string('f', 64)), "application/json", iamCaller: Alice));

        Assert.Equal(409, response.StatusCode);
        Assert.Equal("stale-plan", (string?)ApprovalHarness.Json(response)["outcome"]);
    }

    [Fact]
    public async Task A_second_decision_is_a_conflict()
    {
        using var harness = await RequestedAsync();
        await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("approve"), "application/json", iamCaller: Alice));

        var second = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("deny"), "application/json", iamCaller: "arn:aws:iam::123456789012:user/bob"));

        Assert.Equal(409, second.StatusCode);
        Assert.Contains("approved by " + Alice, (string?)ApprovalHarness.Json(second)["message"], StringComparison.Ordinal);
        Assert.Single(harness.StepFunctions.Callbacks);
    }

    [Fact]
    public async Task A_decision_after_the_approval_timeout_is_gone_and_recorded_as_expired()
    {
        using var harness = await RequestedAsync();
        harness.Clock.Advance(TimeSpan.FromSeconds(600));

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Decisions, Body("approve"), "application/json", iamCaller: Alice));

        Assert.Equal(410, response.StatusCode);
        Assert.Equal("expired", (string?)(await harness.EntryAsync("approval"))!.Data!["outcome"]);
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task Links_are_off_in_iam_mode_and_decisions_take_only_POST()
    {
        using var harness = await RequestedAsync();

        var link = await harness.SendAsync(ApprovalHarness.Http("GET", ApprovalHarness.ApprovalUrl + "decide?incident=x", iamCaller: Alice));
        var get = await harness.SendAsync(ApprovalHarness.Http("GET", Decisions, iamCaller: Alice));

        Assert.Equal(404, link.StatusCode);
        Assert.Contains("EKSOPS_APPROVAL_AUTH=iam", link.Body, StringComparison.Ordinal);
        Assert.Equal(405, get.StatusCode);
        Assert.Equal("POST", get.Headers["allow"]);
    }
}
