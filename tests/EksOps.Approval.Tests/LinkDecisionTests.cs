using System.Text.Json.Nodes;
using EksOps.Approval.Tests.Support;
using EksOps.IncidentStore;
using EksOps.Tools;

namespace EksOps.Approval.Tests;

public sealed class LinkDecisionTests
{
    private static async Task<ApprovalHarness> RequestedAsync(string? subject = null)
    {
        var harness = ApprovalHarness.Create();
        await harness.SeedAsync(subject: subject);
        await harness.RequestAsync("task-token-1", timeoutSeconds: 1800);
        return harness;
    }

    private static string Tamper(string link, string field, string value)
    {
        var uri = new Uri(link);
        var fields = uri.Query.TrimStart('?').Split('&').Select(p => p.StartsWith(field + "=", StringComparison.Ordinal) ? field + "=" + Uri.EscapeDataString(value) : p);
        return uri.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', fields);
    }

    [Fact]
    public async Task Opening_a_link_shows_a_confirmation_page_and_changes_nothing()
    {
        using var harness = await RequestedAsync();
        var before = await harness.Store.GetTimelineAsync(ApprovalHarness.IncidentId, TestContext.Current.CancellationToken);

        var page = await harness.SendAsync(ApprovalHarness.Http("GET", harness.Link("approve"), accept: "text/html,application/xhtml+xml"));
        var head = await harness.SendAsync(ApprovalHarness.Http("HEAD", harness.Link("approve")));

        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Headers["content-type"]);
        Assert.Equal("no-referrer", page.Headers["referrer-policy"]);
        Assert.Contains("default-src 'none'", page.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("Approve this change?", page.Body, StringComparison.Ordinal);
        Assert.Contains("resources.limits.memory: 256Mi -&gt; 384Mi", page.Body, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("action=\"/decide?" + System.Net.WebUtility.HtmlEncode(new Uri(harness.Link("approve")).Query.TrimStart('?')) + "\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(200, head.StatusCode);
        Assert.Null(head.Body);
        Assert.Empty(harness.StepFunctions.Calls);
        Assert.Equal(before.Count, (await harness.Store.GetTimelineAsync(ApprovalHarness.IncidentId, TestContext.Current.CancellationToken)).Count);

        // The prefetch consumed nothing: the link still decides.
        var decided = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "approver=alice&reason=ok", "application/x-www-form-urlencoded"));
        Assert.Equal(200, decided.StatusCode);
    }

    [Fact]
    public async Task Values_from_the_store_are_html_escaped_on_the_page()
    {
        using var harness = await RequestedAsync(subject: "Deployment/shop/<script>alert(1)</script>");

        var page = await harness.SendAsync(ApprovalHarness.Http("GET", harness.Link("deny")));

        Assert.DoesNotContain("<script>", page.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Body, StringComparison.Ordinal);
        Assert.Contains("Deny this change?", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_by_form_records_a_policy_token_for_exactly_the_planned_change_then_calls_SendTaskSuccess()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "approver=Alice+Ops&reason=looks+right", "application/x-www-form-urlencoded"));

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("You approved", response.Body, StringComparison.Ordinal);
        var approval = await harness.EntryAsync("approval");
        Assert.NotNull(approval);
        Assert.Equal(TimelineKind.Approval, approval.Kind);
        Assert.True((bool?)approval.Data!["approved"]);
        Assert.Equal("Alice Ops (approval link)", (string?)approval.Data["approver"]);
        Assert.Equal("looks right", (string?)approval.Data["reason"]);
        Assert.Equal("link", (string?)approval.Data["via"]);
        Assert.Equal("2026-01-01T12:05:00Z", (string?)approval.Data["at"]);

        string token = (string)approval.Data["approvalToken"]!;
        var check = harness.Options.PolicyTokens.Verify(token, ApprovalHarness.Change);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal("Alice Ops (approval link)", check.Approver);
        var other = ApprovalHarness.Change with { Patch = new JsonObject { ["strategicMergePatch"] = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 0 } } } };
        Assert.False(harness.Options.PolicyTokens.Verify(token, other).IsValid);
        Assert.False(harness.Options.PolicyTokens.Verify(token, ApprovalHarness.Change with { Target = "Deployment/payments" }).IsValid);
        var policy = new ToolPolicy(ToolPolicyOptions.FromEnvironment(name => name == "EKSOPS_APPROVAL_SECRET" ? ApprovalHarness.PolicySecret : null, harness.Clock));
        Assert.True(policy.Options.Approvals!.Verify(token, ApprovalHarness.Change).IsValid);

        var heartbeat = harness.StepFunctions.Calls[0];
        Assert.Equal("SendTaskHeartbeat", heartbeat.Operation);
        var callback = Assert.Single(harness.StepFunctions.Callbacks);
        Assert.Equal("SendTaskSuccess", callback.Operation);
        Assert.Equal("task-token-1", (string?)callback.Body["taskToken"]);
        var output = JsonNode.Parse((string)callback.Body["output"]!)!;
        Assert.True((bool?)output["approved"]);
        Assert.Equal("Alice Ops (approval link)", (string?)output["approver"]);
    }

    [Fact]
    public async Task Denying_by_json_records_the_denial_and_calls_SendTaskFailure_with_ApprovalDenied()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("deny"), """{"approver":"bob","reason":"not during the sale"}""", "application/json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("denied", (string?)ApprovalHarness.Json(response)["outcome"]);
        var approval = await harness.EntryAsync("approval");
        Assert.False((bool?)approval!.Data!["approved"]);
        Assert.Equal("denied", (string?)approval.Data["outcome"]);
        Assert.Null(approval.Data["approvalToken"]);
        var callback = Assert.Single(harness.StepFunctions.Callbacks);
        Assert.Equal("SendTaskFailure", callback.Operation);
        Assert.Equal("ApprovalDenied", (string?)callback.Body["error"]);
        Assert.Equal("bob (approval link): not during the sale", (string?)callback.Body["cause"]);
    }

    [Fact]
    public async Task A_link_works_once()
    {
        using var harness = await RequestedAsync();
        await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        var again = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));
        var deny = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("deny"), "{}", "application/json"));

        Assert.Equal(409, again.StatusCode);
        Assert.Equal("already-decided", (string?)ApprovalHarness.Json(again)["outcome"]);
        Assert.Equal(409, deny.StatusCode);
        Assert.Single(harness.StepFunctions.Callbacks);
    }

    [Fact]
    public async Task A_link_whose_nonce_was_consumed_is_refused_even_before_a_decision_is_recorded()
    {
        using var harness = await RequestedAsync();
        Assert.True(ApprovalLink.TryParse(new Uri(harness.Link("approve")).Query, out var link, out _));
        Assert.True(await harness.Store.TryConsumeAsync("approval-link:" + link.Nonce, link.ExpiresAt, TestContext.Current.CancellationToken));

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(409, response.StatusCode);
        Assert.Equal("link-used", (string?)ApprovalHarness.Json(response)["outcome"]);
        Assert.Null(await harness.EntryAsync("approval"));
        Assert.Empty(harness.StepFunctions.Callbacks);
    }

    [Theory]
    [InlineData("incident", "another-incident-20260101T120000Z")]
    [InlineData("decision", "deny")]
    [InlineData("expires", "4102444800")]
    [InlineData("nonce", "AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sig", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_link_is_forbidden_and_changes_nothing(string field, string value)
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", Tamper(harness.Link("approve"), field, value), "{}", "application/json"));

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("forbidden", (string?)ApprovalHarness.Json(response)["outcome"]);
        Assert.Null(await harness.EntryAsync("approval"));
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task A_link_signed_with_an_unknown_key_is_forbidden()
    {
        using var harness = await RequestedAsync();
        var stranger = new ApprovalLinkSigner(new ApprovalLinkKey(Enumerable.Repeat((byte)5, 32).ToArray()), time: harness.Clock);
        var forged = stranger.Create(ApprovalHarness.IncidentId, ApprovalDecision.Approve, ApprovalHarness.Change.PatchHash, harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", forged.ToUri(new Uri(ApprovalHarness.ApprovalUrl)).AbsoluteUri, "{}", "application/json"));

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task An_expired_link_is_gone_and_records_nothing()
    {
        using var harness = await RequestedAsync();
        harness.Clock.Advance(TimeSpan.FromSeconds(1800));

        var page = await harness.SendAsync(ApprovalHarness.Http("GET", harness.Link("approve")));
        var post = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(410, page.StatusCode);
        Assert.Contains("expired at 2026-01-01T12:35:00Z", page.Body, StringComparison.Ordinal);
        Assert.Equal(410, post.StatusCode);
        Assert.Equal("expired", (string?)ApprovalHarness.Json(post)["outcome"]);
        Assert.Null(await harness.EntryAsync("approval"));
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task A_link_for_another_plan_is_refused_as_stale()
    {
        using var harness = await RequestedAsync();
        var stale = harness.Options.Links!.Create(ApprovalHarness.IncidentId, ApprovalDecision.Approve, "sha256:" + new string('0', 64), harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        string url = stale.ToUri(new Uri(ApprovalHarness.ApprovalUrl)).AbsoluteUri;

        var page = await harness.SendAsync(ApprovalHarness.Http("GET", url));
        var post = await harness.SendAsync(ApprovalHarness.Http("POST", url, "{}", "application/json"));

        Assert.Equal(409, page.StatusCode);
        Assert.Equal(409, post.StatusCode);
        Assert.Equal("stale-plan", (string?)ApprovalHarness.Json(post)["outcome"]);
        Assert.Null(await harness.EntryAsync("approval"));
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task When_Step_Functions_says_the_task_timed_out_the_answer_is_gone_and_the_approval_entry_says_expired()
    {
        using var harness = await RequestedAsync();
        harness.StepFunctions.Set("task-token-1", FakeStepFunctions.TokenState.TimedOut);

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "approver=alice", "application/x-www-form-urlencoded"));

        Assert.Equal(410, response.StatusCode);
        Assert.Contains("This approval expired", response.Body, StringComparison.Ordinal);
        var approval = await harness.EntryAsync("approval");
        Assert.False((bool?)approval!.Data!["approved"]);
        Assert.Equal("expired", (string?)approval.Data["outcome"]);
        Assert.Equal("approve", (string?)approval.Data["requestedDecision"]);
        Assert.Null(approval.Data["approvalToken"]);
        Assert.Empty(harness.StepFunctions.Callbacks);

        var again = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("deny"), "{}", "application/json"));
        Assert.Equal(410, again.StatusCode);
    }

    [Fact]
    public async Task When_the_task_no_longer_exists_the_answer_is_a_conflict_and_the_approval_entry_says_closed()
    {
        using var harness = await RequestedAsync();
        harness.StepFunctions.Forget("task-token-1");

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(409, response.StatusCode);
        Assert.Equal("closed", (string?)ApprovalHarness.Json(response)["outcome"]);
        Assert.Equal("closed", (string?)(await harness.EntryAsync("approval"))!.Data!["outcome"]);
        Assert.Empty(harness.StepFunctions.Callbacks);
    }

    [Fact]
    public async Task When_the_task_times_out_between_the_check_and_the_callback_the_decision_is_marked_undelivered()
    {
        using var harness = await RequestedAsync();
        harness.StepFunctions.TimeOutOnCallback = true;

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(410, response.StatusCode);
        var undelivered = await harness.EntryAsync("approval-undelivered");
        Assert.Equal("TaskTimedOut", (string?)undelivered!.Data!["error"]);
        Assert.Equal("expired", (string?)undelivered.Data["outcome"]);
    }

    [Fact]
    public async Task Without_heartbeat_support_the_callback_decides()
    {
        using var harness = await RequestedAsync();
        harness.StepFunctions.HeartbeatUnsupported = true;

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("SendTaskSuccess", Assert.Single(harness.StepFunctions.Callbacks).Operation);
    }

    [Fact]
    public async Task When_Step_Functions_is_down_nothing_is_recorded_and_the_link_still_works_later()
    {
        using var harness = await RequestedAsync();
        harness.StepFunctions.Failing = true;

        var down = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));
        harness.StepFunctions.Failing = false;
        var later = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(503, down.StatusCode);
        Assert.Equal("unavailable", (string?)ApprovalHarness.Json(down)["outcome"]);
        Assert.Equal(200, later.StatusCode);
        Assert.Single(harness.StepFunctions.Callbacks);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_are_not_allowed(string method)
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http(method, harness.Link("approve")));

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET, HEAD, POST", response.Headers["allow"]);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "reason=" + new string('x', 20_000), "application/x-www-form-urlencoded"));

        Assert.Equal(413, response.StatusCode);
        Assert.Null(await harness.EntryAsync("approval"));
    }

    [Theory]
    [InlineData("reason=a&reason=b", "application/x-www-form-urlencoded", 400, "more than once")]
    [InlineData("{not json", "application/json", 400, "not valid JSON")]
    [InlineData("[1]", "application/json", 400, "must be a JSON object")]
    [InlineData("""{"reason": 5}""", "application/json", 400, "must be a string")]
    [InlineData("reason=x", "text/plain", 415, "application/x-www-form-urlencoded or application/json")]
    public async Task Malformed_bodies_are_refused_with_what_is_wrong(string body, string contentType, int status, string expected)
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), body, contentType, accept: "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (string?)ApprovalHarness.Json(response)["message"], StringComparison.Ordinal);
        Assert.Null(await harness.EntryAsync("approval"));
    }

    [Fact]
    public async Task A_reason_over_the_limit_is_refused()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "reason=" + new string('x', 1001), "application/x-www-form-urlencoded"));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("more than 1000 characters", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base64_form_body_is_read()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("deny"), "approver=carol&reason=r%C3%A9sum%C3%A9", "application/x-www-form-urlencoded", base64: true));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("carol (approval link): résumé", (string?)Assert.Single(harness.StepFunctions.Callbacks).Body["cause"]);
    }

    [Fact]
    public async Task A_link_without_its_fields_is_a_bad_request()
    {
        using var harness = await RequestedAsync();

        var response = await harness.SendAsync(ApprovalHarness.Http("GET", ApprovalHarness.ApprovalUrl + "decide?incident=" + ApprovalHarness.IncidentId));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("no &#39;decision&#39; field", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_are_not_found_and_iam_decisions_are_off_in_link_mode()
    {
        using var harness = await RequestedAsync();

        var root = await harness.SendAsync(ApprovalHarness.Http("GET", ApprovalHarness.ApprovalUrl));
        var decisions = await harness.SendAsync(ApprovalHarness.Http("POST", ApprovalHarness.ApprovalUrl + "decisions", "{}", "application/json", iamCaller: "arn:aws:iam::123456789012:user/alice"));

        Assert.Equal(404, root.StatusCode);
        Assert.Equal(404, decisions.StatusCode);
        Assert.Contains("EKSOPS_APPROVAL_AUTH=link", (string?)ApprovalHarness.Json(decisions)["message"], StringComparison.Ordinal);
        Assert.Empty(harness.StepFunctions.Calls);
    }
}
