using System.Text.Json.Nodes;
using EksOps.Approval.Tests.Support;

namespace EksOps.Approval.Tests;

public sealed class LocalApproverTests
{
    [Fact]
    public async Task Auto_approval_clicks_the_approve_link_through_the_real_decision_path()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        await harness.RequestAsync("task-token-1");
        var approver = new LocalApprover((request, _) => harness.SendAsync(request), "replay");

        var result = await approver.DecideAsync(harness.ApprovalRequested, ApprovalDecision.Approve, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Delivered, result.Message);
        Assert.Equal("approved", result.Outcome);
        var approval = await harness.EntryAsync("approval");
        Assert.Equal("replay (approval link)", (string?)approval!.Data!["approver"]);
        Assert.Equal("approve by the local approver", (string?)approval.Data["reason"]);
        Assert.True(harness.Options.PolicyTokens.Verify((string?)approval.Data["approvalToken"], ApprovalHarness.Change).IsValid);
        Assert.Equal("SendTaskSuccess", Assert.Single(harness.StepFunctions.Callbacks).Operation);
    }

    [Fact]
    public async Task Deny_clicks_the_deny_link_and_a_second_click_reports_the_conflict()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        await harness.RequestAsync("task-token-1");
        var approver = new LocalApprover((request, _) => harness.SendAsync(request));

        var denied = await approver.DecideAsync(harness.ApprovalRequested, ApprovalDecision.Deny, "scripted deny", TestContext.Current.CancellationToken);
        var again = await approver.DecideAsync(harness.ApprovalRequested, ApprovalDecision.Approve, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(denied.Delivered);
        Assert.Equal("ApprovalDenied", (string?)Assert.Single(harness.StepFunctions.Callbacks).Body["error"]);
        Assert.False(again.Delivered);
        Assert.Equal(409, again.StatusCode);
        Assert.Equal("already-decided", again.Outcome);
    }

    [Fact]
    public async Task A_detail_without_links_is_refused_clearly()
    {
        var approver = new LocalApprover((_, _) => throw new InvalidOperationException("must not be called"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            approver.DecideAsync(new JsonObject { ["links"] = new JsonObject() }, ApprovalDecision.Approve, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("EKSOPS_APPROVAL_AUTH=link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_request_is_a_payload_2_0_json_post_to_the_link()
    {
        var request = LocalApprover.CreateRequest(new Uri("http://127.0.0.1:9001/decide?incident=i&sig=s"), "me", "why");

        Assert.Equal("2.0", request.Version);
        Assert.Equal("POST", request.RequestContext!.Http!.Method);
        Assert.Equal("/decide", request.RawPath);
        Assert.Equal("incident=i&sig=s", request.RawQueryString);
        Assert.Equal("127.0.0.1:9001", request.Headers!["host"]);
        Assert.Equal("application/json", request.Headers["content-type"]);
        Assert.Equal("""{"approver":"me","reason":"why"}""", request.Body);
    }
}
