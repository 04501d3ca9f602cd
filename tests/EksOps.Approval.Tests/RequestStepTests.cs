using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Approval.Tests.Support;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;

namespace EksOps.Approval.Tests;

public sealed class RequestStepTests
{
    [Fact]
    public async Task The_request_step_records_the_token_publishes_Approval_Requested_and_sets_AwaitingApproval()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();

        var result = await harness.RequestAsync("task-token-1", timeoutSeconds: 1800);

        var published = Assert.Single(harness.Events.OfType(IncidentEventTypes.ApprovalRequested));
        var detail = published.Event.Detail;
        Assert.Equal("requested", (string?)result["outcome"]);
        Assert.Equal(published.EventId, (string?)result["eventId"]);
        Assert.Equal(ApprovalHarness.IncidentId, (string?)detail["incidentId"]);
        Assert.Equal("prod-eu", (string?)detail["cluster"]);
        Assert.Equal("Deployment/shop/checkout", (string?)detail["subject"]);
        Assert.Equal("oom-killed", (string?)detail["rootCause"]);
        Assert.Equal(0.93, (double?)detail["confidence"]);
        Assert.Equal("increase-memory-limit", (string?)detail["runbook"]);
        Assert.Equal("resources.limits.memory: 256Mi -> 384Mi", (string?)detail["preview"]);
        Assert.Equal(ApprovalHarness.Change.PatchHash, (string?)detail["patchHash"]);
        Assert.Equal("2026-01-01T12:35:00Z", (string?)detail["expiresAt"]);
        Assert.Equal(
            ["container app terminated with OOMKilled (exit 137), 6 restarts", "memory working set at 99% of the 256Mi limit before each restart"],
            detail["evidence"]!["findings"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(3, (int?)detail["evidence"]!["evidenceReads"]);
        Assert.StartsWith(ApprovalHarness.ApprovalUrl + "decide?", harness.Link("approve"), StringComparison.Ordinal);
        Assert.StartsWith(ApprovalHarness.ApprovalUrl + "decide?", harness.Link("deny"), StringComparison.Ordinal);
        Assert.DoesNotContain("task-token-1", detail.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(published.Event.Resources, r => r.StartsWith("arn:aws:cloudwatch:", StringComparison.Ordinal));

        var requested = await harness.EntryAsync("approval-requested");
        Assert.NotNull(requested);
        Assert.Equal(TimelineKind.ApprovalRequested, requested.Kind);
        Assert.Equal("task-token-1", (string?)requested.Data!["taskToken"]);
        Assert.Equal("2026-01-01T12:35:00Z", (string?)requested.Data["expiresAt"]);
        Assert.Equal(published.EventId, (string?)requested.Data["eventId"]);
        Assert.Equal(harness.Link("approve"), (string?)requested.Data["links"]!["approve"]);
        Assert.Equal(IncidentStatus.AwaitingApproval, (await harness.IncidentAsync()).Status);
        Assert.Empty(harness.StepFunctions.Calls);
    }

    [Fact]
    public async Task A_retried_request_step_publishes_nothing_again()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        await harness.RequestAsync("task-token-1");

        var again = await harness.RequestAsync("task-token-1");

        Assert.Equal("already-requested", (string?)again["outcome"]);
        Assert.Single(harness.Events.Events);
        Assert.Equal(harness.Events.Events[0].EventId, (string?)again["eventId"]);
        Assert.DoesNotContain(await harness.Store.GetTimelineAsync(ApprovalHarness.IncidentId, TestContext.Current.CancellationToken),
            e => e.Key.StartsWith("approval-requested:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_with_a_new_task_token_records_it_and_the_decision_goes_to_it()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        await harness.RequestAsync("task-token-1");
        harness.StepFunctions.Set("task-token-1", FakeStepFunctions.TokenState.TimedOut);
        await harness.RequestAsync("task-token-2");

        var response = await harness.SendAsync(ApprovalHarness.Http("POST", harness.Link("approve"), "{}", "application/json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Single(harness.Events.Events);
        var callback = Assert.Single(harness.StepFunctions.Callbacks);
        Assert.Equal("task-token-2", (string?)callback.Body["taskToken"]);
    }

    [Fact]
    public async Task A_failed_publish_is_reported_and_a_retry_publishes_once()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        var failOnce = true;
        var sink = new RecordingIncidentEventSink((_, _) => failOnce
            ? Task.FromException(new IncidentEventPublishException("bus refused the entry"))
            : Task.CompletedTask);
        var step = new ApprovalRequestStep(harness.Store, sink, harness.Options, harness.Clock);
        var request = new ApprovalStepEvent { IncidentId = ApprovalHarness.IncidentId, TaskToken = "task-token-1", TimeoutSeconds = 600 };

        await Assert.ThrowsAsync<IncidentEventPublishException>(() => step.RequestAsync(request, ApprovalHarness.Context()));
        Assert.Null(await harness.EntryAsync("approval-requested"));
        failOnce = false;
        var result = await step.RequestAsync(request, ApprovalHarness.Context());
        var again = await step.RequestAsync(request, ApprovalHarness.Context());

        Assert.Equal("requested", result.Outcome);
        Assert.Equal("already-requested", again.Outcome);
        // The refused attempt is recorded by the recording sink before its callback throws; one more publish succeeded.
        Assert.Equal(2, sink.Events.Count);
        Assert.Equal(sink.Events[1].EventId, result.EventId);
    }

    [Fact]
    public async Task When_another_invocation_holds_the_publish_claim_nothing_is_published_and_the_token_is_recorded_so_its_links_work()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync();
        // An earlier invocation claimed the publish and died before recording anything; it may have sent this link.
        await harness.Store.ClaimAsync(ApprovalHarness.IncidentId, "publish:approval-requested:1", TestContext.Current.CancellationToken);
        var sent = harness.Options.Links!.Create(ApprovalHarness.IncidentId, ApprovalDecision.Approve, ApprovalHarness.Change.PatchHash, harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        var result = await harness.RequestAsync("task-token-2");
        var response = await harness.SendAsync(ApprovalHarness.Http("POST", sent.ToUri(new Uri(ApprovalHarness.ApprovalUrl)).AbsoluteUri, "{}", "application/json"));

        Assert.Equal("in-doubt", (string?)result["outcome"]);
        Assert.Empty(harness.Events.Events);
        var requested = await harness.EntryAsync("approval-requested");
        Assert.Equal("in-doubt", (string?)requested!.Data!["publish"]);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("task-token-2", (string?)Assert.Single(harness.StepFunctions.Callbacks).Body["taskToken"]);
    }

    [Fact]
    public async Task The_state_machine_can_pass_the_approval_url_when_the_function_has_none()
    {
        using var harness = ApprovalHarness.Create(variables: new Dictionary<string, string> { ["EKSOPS_APPROVAL_URL"] = "" });
        await harness.SeedAsync();

        await harness.RequestAsync(extra: new JsonObject { ["approvalUrl"] = "https://xyz.lambda-url.eu-west-1.on.aws" });

        Assert.StartsWith("https://xyz.lambda-url.eu-west-1.on.aws/decide?", harness.Link("approve"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_mode_without_any_approval_url_fails_before_publishing()
    {
        using var harness = ApprovalHarness.Create(variables: new Dictionary<string, string> { ["EKSOPS_APPROVAL_URL"] = "" });
        await harness.SeedAsync();

        var error = await Assert.ThrowsAsync<ApprovalRequestException>(() => harness.RequestAsync());

        Assert.Contains("EKSOPS_APPROVAL_URL", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Events.Events);
    }

    [Fact]
    public async Task Iam_mode_publishes_the_decision_endpoint_instead_of_links()
    {
        using var harness = ApprovalHarness.Create(ApprovalAuthMode.Iam);
        await harness.SeedAsync();

        await harness.RequestAsync();

        Assert.Empty(harness.ApprovalRequested["links"]!.AsObject());
        Assert.Equal(ApprovalHarness.ApprovalUrl + "decisions", (string?)harness.ApprovalRequested["decisionUrl"]);
        Assert.Equal("iam", (string?)harness.ApprovalRequested["authMode"]);
    }

    [Fact]
    public async Task A_long_preview_is_cut_to_keep_the_event_within_EventBridge_limits()
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync(preview: new string('x', 200_000));

        await harness.RequestAsync();

        string preview = (string)harness.ApprovalRequested["preview"]!;
        Assert.True(preview.Length < 70_000, $"preview has {preview.Length} characters");
        Assert.EndsWith("(cut; the whole text is in the incident's plan entry)", preview, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", "not \"approve\"")]
    [InlineData("escalate", "not \"approve\"")]
    public async Task A_plan_that_does_not_ask_for_approval_is_refused_and_nothing_is_published(string decision, string expected)
    {
        using var harness = ApprovalHarness.Create();
        await harness.SeedAsync(decision);

        var error = await Assert.ThrowsAsync<ApprovalRequestException>(() => harness.RequestAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Events.Events);
        Assert.Null(await harness.EntryAsync("approval-requested"));
    }

    [Fact]
    public async Task An_unknown_incident_is_refused()
    {
        using var harness = ApprovalHarness.Create();

        var error = await Assert.ThrowsAsync<ApprovalRequestException>(() => harness.RequestAsync());

        Assert.Contains("is not in the incident store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_whose_change_was_altered_after_planning_is_refused()
    {
        using var harness = ApprovalHarness.Create();
        var altered = ApprovalHarness.Change.ToJson();
        altered["patch"]!["strategicMergePatch"]!["spec"] = new JsonObject { ["replicas"] = 0 };
        await harness.SeedAsync(change: altered);

        var error = await Assert.ThrowsAsync<ApprovalRequestException>(() => harness.RequestAsync());

        Assert.Contains("altered after planning", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Events.Events);
    }

    [Theory]
    [InlineData("""{"step":"apply","incidentId":"i"}""", "handles the step \"request\" only")]
    [InlineData("""{"step":"request","taskToken":"t","timeoutSeconds":60}""", "no incidentId")]
    [InlineData("""{"step":"request","incidentId":"a b","taskToken":"t","timeoutSeconds":60}""", "execution name")]
    [InlineData("""{"step":"request","incidentId":"i","timeoutSeconds":60}""", "no taskToken")]
    [InlineData("""{"step":"request","incidentId":"i","taskToken":"t"}""", "timeoutSeconds must be")]
    [InlineData("""{"step":"request","incidentId":"i","taskToken":"t","timeoutSeconds":"60"}""", "timeoutSeconds must be")]
    [InlineData("""{"step":"request","incidentId":"i","taskToken":"t","timeoutSeconds":0}""", "timeoutSeconds must be")]
    [InlineData("""{"step":"request","incidentId":"i","taskToken":"t","timeoutSeconds":60,"approvalUrl":"ftp://x"}""", "approvalUrl")]
    [InlineData("""{"step":7}""", "no step")]
    public async Task Malformed_step_events_fail_with_a_clear_error(string json, string expected)
    {
        using var harness = ApprovalHarness.Create();

        var error = await Assert.ThrowsAsync<ApprovalEventException>(() => harness.Handler.HandleAsync(JsonDocument.Parse(json).RootElement, ApprovalHarness.Context()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
