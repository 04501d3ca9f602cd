using System.Text.Json.Nodes;

namespace EksOps.IncidentStore.Tests;

/// <summary>
/// What every <see cref="IIncidentStore"/> promises, run against each store (in memory, and DynamoDB on moto), so the
/// embedded local store and production give the same answers.
/// </summary>
public abstract class IncidentStoreContract
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    protected ManualTimeProvider Clock { get; } = new(Start);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store on <see cref="Clock"/>.</summary>
    protected abstract Task<IIncidentStore> CreateStoreAsync();

    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    protected static IncidentRecord Candidate(string id, string correlationKey, string? alarmArn = null, DateTimeOffset? openedAt = null) => new()
    {
        Id = id,
        CorrelationKey = correlationKey,
        AlarmName = "checkout-restarts",
        AlarmArn = alarmArn ?? "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-restarts",
        Cluster = "prod",
        Status = IncidentStatus.Open,
        OpenedAt = openedAt ?? Start,
        UpdatedAt = openedAt ?? Start,
    };

    protected static TimelineEntry Entry(string key, DateTimeOffset at, string summary = "something happened", JsonObject? data = null) => new()
    {
        Key = key,
        Kind = TimelineKind.Note,
        At = at,
        Summary = summary,
        Data = data,
    };

    [Fact]
    public async Task Ten_concurrent_opens_of_one_correlation_key_create_one_incident_that_all_ten_get()
    {
        var store = await CreateStoreAsync();
        var key = Unique("k8s/prod/shop/checkout");
        var candidates = Enumerable.Range(0, 10).Select(i => Candidate(Unique("alarm" + i), key)).ToList();

        var results = await Task.WhenAll(candidates.Select(c => Task.Run(() => store.OpenOrJoinAsync(c, Window, Ct), Ct)));

        var created = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(created.Incident.Id, r.Incident.Id));
        Assert.Contains(candidates, c => c.Id == created.Incident.Id);
        var stored = await store.GetAsync(created.Incident.Id, Ct);
        Assert.Equal(9, stored!.CorrelatedAlarms);
        foreach (var loser in candidates.Where(c => c.Id != created.Incident.Id))
        {
            Assert.Null(await store.GetAsync(loser.Id, Ct));
        }
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_one_transition_create_it_once()
    {
        var store = await CreateStoreAsync();
        var candidate = Candidate(Unique("checkout-restarts"), Unique("k8s/prod/shop/checkout"));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.OpenOrJoinAsync(candidate, Window, Ct), Ct)));

        Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(candidate.Id, r.Incident.Id));
        Assert.Equal(9, (await store.GetAsync(candidate.Id, Ct))!.CorrelatedAlarms);
    }

    [Fact]
    public async Task A_joiner_gets_the_winning_record_as_stored()
    {
        var store = await CreateStoreAsync();
        var key = Unique("k8s/prod/shop/checkout");
        var first = Candidate(Unique("first"), key);

        var opened = await store.OpenOrJoinAsync(first, Window, Ct);
        var joined = await store.OpenOrJoinAsync(Candidate(Unique("second"), key), Window, Ct);

        Assert.True(opened.Created);
        Assert.Equal(first, opened.Incident);
        Assert.False(joined.Created);
        Assert.Equal(first with { CorrelatedAlarms = 1 }, joined.Incident);
    }

    [Fact]
    public async Task A_different_correlation_key_opens_a_separate_incident()
    {
        var store = await CreateStoreAsync();

        var checkout = await store.OpenOrJoinAsync(Candidate(Unique("a"), Unique("k8s/prod/shop/checkout")), Window, Ct);
        var cart = await store.OpenOrJoinAsync(Candidate(Unique("b"), Unique("k8s/prod/shop/cart")), Window, Ct);

        Assert.True(checkout.Created);
        Assert.True(cart.Created);
        Assert.NotEqual(checkout.Incident.Id, cart.Incident.Id);
    }

    [Fact]
    public async Task Within_the_window_a_further_alarm_joins_and_after_it_a_new_incident_opens()
    {
        var store = await CreateStoreAsync();
        var key = Unique("k8s/prod/shop/checkout");
        var first = await store.OpenOrJoinAsync(Candidate(Unique("a"), key), Window, Ct);

        Clock.Advance(Window - TimeSpan.FromSeconds(1));
        var inside = await store.OpenOrJoinAsync(Candidate(Unique("b"), key), Window, Ct);
        Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await store.OpenOrJoinAsync(Candidate(Unique("c"), key), Window, Ct);
        var afterThat = await store.OpenOrJoinAsync(Candidate(Unique("d"), key), Window, Ct);

        Assert.False(inside.Created);
        Assert.Equal(first.Incident.Id, inside.Incident.Id);
        Assert.True(after.Created);
        Assert.NotEqual(first.Incident.Id, after.Incident.Id);
        Assert.False(afterThat.Created);
        Assert.Equal(after.Incident.Id, afterThat.Incident.Id);
    }

    [Fact]
    public async Task A_zero_window_folds_nothing()
    {
        var store = await CreateStoreAsync();
        var key = Unique("k8s/prod/shop/checkout");

        var first = await store.OpenOrJoinAsync(Candidate(Unique("a"), key), TimeSpan.Zero, Ct);
        var second = await store.OpenOrJoinAsync(Candidate(Unique("b"), key), TimeSpan.Zero, Ct);

        Assert.True(first.Created);
        Assert.True(second.Created);
    }

    [Fact]
    public async Task The_same_transition_delivered_after_the_window_still_joins_its_own_incident()
    {
        var store = await CreateStoreAsync();
        var candidate = Candidate(Unique("checkout-restarts"), Unique("k8s/prod/shop/checkout"));
        await store.OpenOrJoinAsync(candidate, Window, Ct);

        Clock.Advance(Window * 3);
        var again = await store.OpenOrJoinAsync(candidate, Window, Ct);

        Assert.False(again.Created);
        Assert.Equal(candidate.Id, again.Incident.Id);
    }

    [Fact]
    public async Task An_unknown_incident_is_null_and_updating_it_throws_KeyNotFoundException()
    {
        var store = await CreateStoreAsync();
        var id = Unique("missing");

        Assert.Null(await store.GetAsync(id, Ct));
        Assert.Null(await store.FindEntryAsync(id, "alarm", Ct));
        Assert.Empty(await store.GetTimelineAsync(id, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.UpdateAsync(id, new IncidentUpdate { At = Start, RootCause = "oom" }, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.UpdateAsync(id, new IncidentUpdate { At = Start, Status = IncidentStatus.Resolved, OnlyIfNotClosed = true }, Ct));
    }

    [Fact]
    public async Task Appending_the_same_key_twice_keeps_one_entry_the_first()
    {
        var store = await CreateStoreAsync();
        var id = (await store.OpenOrJoinAsync(Candidate(Unique("a"), Unique("key")), Window, Ct)).Incident.Id;

        var first = await store.AppendAsync(id, Entry("diagnosis", Start, "first", new JsonObject { ["n"] = 1 }), Ct);
        var second = await store.AppendAsync(id, Entry("diagnosis", Start.AddMinutes(1), "second", new JsonObject { ["n"] = 2 }), Ct);

        Assert.True(first);
        Assert.False(second);
        var entry = Assert.Single(await store.GetTimelineAsync(id, Ct));
        Assert.Equal("first", entry.Summary);
        Assert.Equal(1, entry.Data!["n"]!.GetValue<int>());
        Assert.Equal(Start, entry.At);
        Assert.Equal("first", (await store.FindEntryAsync(id, "diagnosis", Ct))!.Summary);
    }

    [Fact]
    public async Task Ten_concurrent_appends_of_one_key_add_it_once()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");

        var added = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => store.AppendAsync(id, Entry("change", Start, "apply " + i), Ct), Ct)));

        Assert.Equal(1, added.Count(a => a));
        Assert.Single(await store.GetTimelineAsync(id, Ct));
    }

    [Fact]
    public async Task The_timeline_is_ordered_by_time_then_by_key_and_keeps_every_field()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");
        var data = new JsonObject { ["rootCause"] = "oom-killed", ["confidence"] = 0.9, ["evidence"] = new JsonArray("E1", "E2"), ["nested"] = new JsonObject { ["ok"] = true } };
        await store.AppendAsync(id, Entry("report", Start.AddMinutes(9)), Ct);
        await store.AppendAsync(id, Entry("tool:E2", Start.AddMinutes(2)), Ct);
        await store.AppendAsync(id, Entry("alarm", Start), Ct);
        await store.AppendAsync(id, Entry("tool:E1", Start.AddMinutes(2)), Ct);
        await store.AppendAsync(id, new TimelineEntry { Key = "analysis", Kind = TimelineKind.Decision, At = Start.AddMinutes(3).AddTicks(1), Summary = "OOM", Data = data }, Ct);

        var timeline = await store.GetTimelineAsync(id, Ct);

        Assert.Equal(["alarm", "tool:E1", "tool:E2", "analysis", "report"], timeline.Select(e => e.Key));
        var analysis = timeline[3];
        Assert.Equal(TimelineKind.Decision, analysis.Kind);
        Assert.Equal(Start.AddMinutes(3).AddTicks(1), analysis.At);
        Assert.True(JsonNode.DeepEquals(data, analysis.Data));
        Assert.Null(timeline[0].Data);
    }

    [Fact]
    public async Task Stored_data_does_not_change_when_the_caller_changes_its_object()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");
        var data = new JsonObject { ["n"] = 1 };
        await store.AppendAsync(id, Entry("plan", Start, data: data), Ct);

        data["n"] = 2;
        var read = (await store.FindEntryAsync(id, "plan", Ct))!;
        read.Data!["n"] = 3;

        Assert.Equal(1, (await store.FindEntryAsync(id, "plan", Ct))!.Data!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Data_over_the_limit_is_stored_cut_with_a_visible_marker()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");
        var data = new JsonObject
        {
            ["decision"] = "approve",
            ["report"] = new string('x', 600_000),
            ["after"] = "kept if room",
        };

        Assert.True(await store.AppendAsync(id, Entry("report", Start, data: data), Ct));

        var stored = (await store.FindEntryAsync(id, "report", Ct))!.Data!;
        Assert.True(TimelineData.IsTruncated(stored));
        Assert.Equal("approve", stored["decision"]!.GetValue<string>());
        var report = stored["report"]!.GetValue<string>();
        Assert.EndsWith(TimelineData.CutSuffix, report, StringComparison.Ordinal);
        Assert.True(report.Length < 600_000);
        var marker = stored[TimelineData.TruncationMarker]!;
        Assert.True(marker["originalBytes"]!.GetValue<int>() > 600_000);
        Assert.Contains("$.report", marker["cut"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(stored.ToJsonString()) <= TimelineData.DefaultMaxDataBytes);
    }

    [Fact]
    public async Task A_long_summary_is_cut_with_an_ellipsis()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");

        await store.AppendAsync(id, Entry("note", Start, new string('s', 5_000)), Ct);

        var summary = (await store.FindEntryAsync(id, "note", Ct))!.Summary;
        Assert.Equal(TimelineData.MaxSummaryLength, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_is_in_progress_for_others_until_completed_then_completed_with_the_first_result()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");

        var mine = await store.ClaimAsync(id, "apply:abc123", Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var other = await store.ClaimAsync(id, "apply:abc123", Ct);
        await store.CompleteAsync(id, "apply:abc123", new JsonObject { ["applied"] = true, ["patchHash"] = "abc123" }, Ct);
        await store.CompleteAsync(id, "apply:abc123", new JsonObject { ["applied"] = false }, Ct);
        var later = await store.ClaimAsync(id, "apply:abc123", Ct);
        var elsewhere = await store.ClaimAsync(id, "apply:def456", Ct);

        Assert.Equal(StepClaimState.Claimed, mine.State);
        Assert.Equal(Start, mine.ClaimedAt);
        Assert.Equal(StepClaimState.InProgress, other.State);
        Assert.Equal(Start, other.ClaimedAt);
        Assert.Null(other.Result);
        Assert.Equal(StepClaimState.Completed, later.State);
        Assert.True(later.Result!["applied"]!.GetValue<bool>());
        Assert.Equal("abc123", later.Result["patchHash"]!.GetValue<string>());
        Assert.Equal(StepClaimState.Claimed, elsewhere.State);
    }

    [Fact]
    public async Task Ten_concurrent_claims_of_one_step_give_it_to_one_caller()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.ClaimAsync(id, "apply:abc", Ct), Ct)));

        Assert.Single(claims, c => c.State == StepClaimState.Claimed);
        Assert.Equal(9, claims.Count(c => c.State == StepClaimState.InProgress));
    }

    [Fact]
    public async Task Completing_a_step_nobody_claimed_records_it_as_completed()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");

        await store.CompleteAsync(id, "event:opened", new JsonObject { ["eventId"] = "e-1" }, Ct);
        var claim = await store.ClaimAsync(id, "event:opened", Ct);

        Assert.Equal(StepClaimState.Completed, claim.State);
        Assert.Equal("e-1", claim.Result!["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_single_use_key_is_consumed_once_until_it_expires()
    {
        var store = await CreateStoreAsync();
        var key = Unique("approval-nonce");
        var expiresAt = Start.AddHours(1);

        var first = await store.TryConsumeAsync(key, expiresAt, Ct);
        var second = await store.TryConsumeAsync(key, expiresAt, Ct);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => store.TryConsumeAsync(key, expiresAt, Ct), Ct)));
        Clock.Advance(TimeSpan.FromHours(1));
        var afterExpiry = await store.TryConsumeAsync(key, Start.AddHours(3), Ct);
        var thenAgain = await store.TryConsumeAsync(key, Start.AddHours(3), Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.All(concurrent, Assert.False);
        Assert.True(afterExpiry);
        Assert.False(thenAgain);
    }

    [Fact]
    public async Task Ten_concurrent_consumers_of_a_fresh_key_let_one_through()
    {
        var store = await CreateStoreAsync();
        var key = Unique("approval-nonce");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.TryConsumeAsync(key, Start.AddHours(1), Ct), Ct)));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task FindOpenByAlarm_returns_the_latest_open_incident_and_ignores_closed_ones()
    {
        var store = await CreateStoreAsync();
        var alarm = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + Unique("checkout");
        var older = Candidate(Unique("older"), Unique("k1"), alarm, Start);
        var newer = Candidate(Unique("newer"), Unique("k2"), alarm, Start.AddMinutes(30));
        var other = Candidate(Unique("other"), Unique("k3"), alarm + "-other", Start.AddHours(1));
        foreach (var candidate in new[] { newer, older, other })
        {
            await store.OpenOrJoinAsync(candidate, Window, Ct);
        }

        var latest = await store.FindOpenByAlarmAsync(alarm, Ct);
        await store.UpdateAsync(newer.Id, new IncidentUpdate { At = Start.AddHours(2), Status = IncidentStatus.Resolved, StatusReason = "OK" }, Ct);
        var afterResolve = await store.FindOpenByAlarmAsync(alarm, Ct);
        await store.UpdateAsync(older.Id, new IncidentUpdate { At = Start.AddHours(2), Status = IncidentStatus.Escalated, StatusReason = "denied" }, Ct);
        var none = await store.FindOpenByAlarmAsync(alarm, Ct);

        Assert.Equal(newer.Id, latest!.Id);
        Assert.Equal(older.Id, afterResolve!.Id);
        Assert.Null(none);
        Assert.Null(await store.FindOpenByAlarmAsync(alarm + "-never", Ct));
    }

    [Fact]
    public async Task A_joined_alarm_does_not_make_the_incident_findable_by_its_own_arn()
    {
        var store = await CreateStoreAsync();
        var key = Unique("k8s/prod/shop/checkout");
        var opener = Candidate(Unique("a"), key, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + Unique("restarts"));
        var joiner = Candidate(Unique("b"), key, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + Unique("latency"));
        await store.OpenOrJoinAsync(opener, Window, Ct);
        await store.OpenOrJoinAsync(joiner, Window, Ct);

        Assert.Equal(opener.Id, (await store.FindOpenByAlarmAsync(opener.AlarmArn, Ct))!.Id);
        Assert.Null(await store.FindOpenByAlarmAsync(joiner.AlarmArn, Ct));
    }

    [Fact]
    public async Task UpdateAsync_sets_the_given_fields_and_stamps_the_time()
    {
        var store = await CreateStoreAsync();
        var candidate = Candidate(Unique("a"), Unique("key"));
        await store.OpenOrJoinAsync(candidate, Window, Ct);

        var updated = await store.UpdateAsync(candidate.Id, new IncidentUpdate
        {
            At = Start.AddMinutes(5),
            Status = IncidentStatus.AwaitingApproval,
            StatusReason = "policy asks for approval",
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:incident:" + candidate.Id,
            RootCause = "oom-killed",
            Runbook = "raise-memory-limit",
            Subject = "Deployment/shop/checkout",
        }, Ct);
        var reasonOnly = await store.UpdateAsync(candidate.Id, new IncidentUpdate { At = Start.AddMinutes(6), StatusReason = "reminder sent" }, Ct);

        var expected = candidate with
        {
            Status = IncidentStatus.AwaitingApproval,
            StatusReason = "policy asks for approval",
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:incident:" + candidate.Id,
            RootCause = "oom-killed",
            Runbook = "raise-memory-limit",
            Subject = "Deployment/shop/checkout",
            UpdatedAt = Start.AddMinutes(5),
        };
        Assert.Equal(expected, updated);
        Assert.Equal(expected with { StatusReason = "reminder sent", UpdatedAt = Start.AddMinutes(6) }, reasonOnly);
        Assert.Equal(reasonOnly, await store.GetAsync(candidate.Id, Ct));
    }

    [Fact]
    public async Task OnlyIfNotClosed_keeps_a_closed_status_but_still_sets_the_other_fields()
    {
        var store = await CreateStoreAsync();
        var candidate = Candidate(Unique("a"), Unique("key"));
        await store.OpenOrJoinAsync(candidate, Window, Ct);
        var resolvedAt = Start.AddMinutes(10);
        await store.UpdateAsync(candidate.Id, new IncidentUpdate { At = resolvedAt, Status = IncidentStatus.Resolved, StatusReason = "alarm OK" }, Ct);

        var late = await store.UpdateAsync(candidate.Id, new IncidentUpdate
        {
            At = Start.AddMinutes(11),
            Status = IncidentStatus.Remediating,
            StatusReason = "applying",
            OnlyIfNotClosed = true,
            RootCause = "oom-killed",
        }, Ct);

        Assert.Equal(IncidentStatus.Resolved, late.Status);
        Assert.Equal("alarm OK", late.StatusReason);
        Assert.Equal(resolvedAt, late.ClosedAt);
        Assert.Equal("oom-killed", late.RootCause);
        Assert.Equal(Start.AddMinutes(11), late.UpdatedAt);
        Assert.Equal(late, await store.GetAsync(candidate.Id, Ct));
    }

    [Fact]
    public async Task OnlyIfNotClosed_sets_the_status_of_an_open_incident()
    {
        var store = await CreateStoreAsync();
        var candidate = Candidate(Unique("a"), Unique("key"));
        await store.OpenOrJoinAsync(candidate, Window, Ct);

        var updated = await store.UpdateAsync(candidate.Id, new IncidentUpdate { At = Start.AddMinutes(1), Status = IncidentStatus.Monitoring, StatusReason = "applied", OnlyIfNotClosed = true }, Ct);

        Assert.Equal(IncidentStatus.Monitoring, updated.Status);
        Assert.Equal("applied", updated.StatusReason);
        Assert.Null(updated.ClosedAt);
    }

    [Fact]
    public async Task ClosedAt_is_the_first_close_and_is_cleared_when_a_status_reopens_the_incident()
    {
        var store = await CreateStoreAsync();
        var candidate = Candidate(Unique("a"), Unique("key"));
        await store.OpenOrJoinAsync(candidate, Window, Ct);

        var resolved = await store.UpdateAsync(candidate.Id, new IncidentUpdate { At = Start.AddMinutes(10), Status = IncidentStatus.Resolved }, Ct);
        var escalated = await store.UpdateAsync(candidate.Id, new IncidentUpdate { At = Start.AddMinutes(20), Status = IncidentStatus.Escalated }, Ct);
        var reopened = await store.UpdateAsync(candidate.Id, new IncidentUpdate { At = Start.AddMinutes(30), Status = IncidentStatus.Open, StatusReason = "reopened by hand" }, Ct);

        Assert.Equal(Start.AddMinutes(10), resolved.ClosedAt);
        Assert.Equal(IncidentStatus.Escalated, escalated.Status);
        Assert.Equal(Start.AddMinutes(10), escalated.ClosedAt);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(IncidentStatus.Open, reopened.Status);
    }

    [Fact]
    public async Task Arguments_that_cannot_be_stored_are_refused_before_anything_is_written()
    {
        var store = await CreateStoreAsync();
        var id = Unique("incident");

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(id, Entry(new string('k', TimelineData.MaxKeyLength + 1), Start), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(id, Entry(string.Empty, Start), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenOrJoinAsync(Candidate(string.Empty, "key"), Window, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.OpenOrJoinAsync(Candidate(id, "key"), TimeSpan.FromSeconds(-1), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ClaimAsync(id, string.Empty, Ct));
        Assert.Null(await store.GetAsync(id, Ct));
        Assert.Empty(await store.GetTimelineAsync(id, Ct));
    }
}
