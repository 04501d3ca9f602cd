using System.Text.Json.Nodes;
using EksOps.IncidentStore;
using EksOps.Tools.Hosting;
using ActionsIncident = EksOps.Tools.Actions.IncidentRecord;
using StoredIncident = EksOps.IncidentStore.IncidentRecord;

namespace EksOps.Tools.Actions.Tests.IncidentRecording;

/// <summary>
/// <see cref="IncidentStoreRecorder"/> over the embedded incident store: <c>create_incident</c>'s semantics (record once,
/// first event id wins) and the shape the flow's store gets.
/// </summary>
public class IncidentStoreRecorderTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 20, 10, 2, 0, TimeSpan.Zero);

    private static ActionsIncident Incident(string id = "inc-0123456789abcdef01234567", DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Cluster = "retail-prod-apne2",
        Title = "checkout pods OOMKilled after a traffic spike",
        Severity = "high",
        Summary = "checkout's app container exceeds its 512Mi limit under load and is OOMKilled.",
        Findings = ["pod checkout-6d6584985-fxfnn: lastState OOMKilled, exit 137", "E2: memory at 100% of limit"],
        Links = ["https://console.aws.amazon.com/cloudwatch/home#alarmsV2:"],
        CreatedAt = createdAt ?? CreatedAt,
        CreatedBy = "arn:aws:sts::123456789012:assumed-role/agent/session",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_incident_is_found_as_it_was_given()
    {
        var recorder = new IncidentStoreRecorder(new InMemoryIncidentStore());
        var incident = Incident();

        var result = await recorder.RecordAsync(incident, Ct);
        var found = await recorder.FindAsync(incident.Id, Ct);

        Assert.True(result.Created);
        Assert.Equal(incident, result.Stored);
        Assert.NotNull(found);
        Assert.Equal(incident.Findings, found.Findings);
        Assert.Equal(incident.Links, found.Links);
        Assert.Equal(incident with { Findings = found.Findings, Links = found.Links }, found);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        var recorder = new IncidentStoreRecorder(new InMemoryIncidentStore());

        Assert.Null(await recorder.FindAsync("inc-ffffffffffffffffffffffff", Ct));
    }

    [Fact]
    public async Task Recording_the_same_id_again_keeps_the_first_record_and_counts_no_correlated_alarm()
    {
        var store = new InMemoryIncidentStore();
        var recorder = new IncidentStoreRecorder(store);
        await recorder.RecordAsync(Incident(), Ct);

        var again = await recorder.RecordAsync(Incident(createdAt: CreatedAt.AddMinutes(5)), Ct);

        Assert.False(again.Created);
        Assert.Equal(CreatedAt, again.Stored.CreatedAt);
        Assert.Equal(0, (await store.GetAsync(again.Stored.Id, Ct))!.CorrelatedAlarms);
    }

    [Fact]
    public async Task The_first_event_id_is_kept_and_returned_with_the_record()
    {
        var recorder = new IncidentStoreRecorder(new InMemoryIncidentStore());
        var incident = Incident();
        await recorder.RecordAsync(incident, Ct);

        var first = await recorder.SetEventIdAsync(incident.Id, "event-1", Ct);
        var second = await recorder.SetEventIdAsync(incident.Id, "event-2", Ct);
        var recordedAgain = await recorder.RecordAsync(incident, Ct);

        Assert.Equal("event-1", first.EventId);
        Assert.Equal("event-1", second.EventId);
        Assert.Equal("event-1", recordedAgain.Stored.EventId);
        Assert.Equal("event-1", (await recorder.FindAsync(incident.Id, Ct))!.EventId);
    }

    [Fact]
    public async Task Setting_the_event_id_of_an_unknown_incident_is_a_KeyNotFoundException()
    {
        var recorder = new IncidentStoreRecorder(new InMemoryIncidentStore());

        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await recorder.SetEventIdAsync("inc-ffffffffffffffffffffffff", "event-1", Ct));
    }

    [Fact]
    public async Task The_flows_store_gets_an_open_incident_record_with_the_details_and_the_event_on_its_timeline()
    {
        var store = new InMemoryIncidentStore();
        var recorder = new IncidentStoreRecorder(store, new FixedClock(CreatedAt.AddSeconds(3)));
        var incident = Incident();

        await recorder.RecordAsync(incident, Ct);
        await recorder.SetEventIdAsync(incident.Id, "event-1", Ct);

        var record = await store.GetAsync(incident.Id, Ct);
        Assert.NotNull(record);
        Assert.Equal(
            (IncidentStatus.Open, "retail-prod-apne2", "create_incident", "eksops:tool:create_incident", "create_incident:" + incident.Id, CreatedAt, CreatedAt),
            (record.Status, record.Cluster, record.AlarmName, record.AlarmArn, record.CorrelationKey, record.OpenedAt, record.UpdatedAt));
        Assert.Contains("checkout pods OOMKilled", record.StatusReason, StringComparison.Ordinal);
        var timeline = await store.GetTimelineAsync(incident.Id, Ct);
        Assert.Equal(["create_incident", "event:incident-opened"], timeline.Select(e => e.Key));
        Assert.Equal((TimelineKind.Note, CreatedAt), (timeline[0].Kind, timeline[0].At));
        Assert.Equal("high", (string?)timeline[0].Data!["severity"]);
        Assert.Equal((TimelineKind.Event, CreatedAt.AddSeconds(3)), (timeline[1].Kind, timeline[1].At));
        Assert.Equal(("Incident Opened", "event-1"), ((string?)timeline[1].Data!["detailType"], (string?)timeline[1].Data!["eventId"]));
    }

    [Fact]
    public async Task No_alarm_finds_or_joins_a_recorded_incident()
    {
        var store = new InMemoryIncidentStore();
        var incident = Incident();
        await new IncidentStoreRecorder(store).RecordAsync(incident, Ct);
        var alarmIncident = new StoredIncident
        {
            Id = "prod-shop-checkout-restarts-1b769a03f53eab9188d62340",
            CorrelationKey = "123456789012:ap-northeast-2:k8s:retail-prod-apne2/shop/checkout",
            AlarmName = "prod-shop-checkout-restarts",
            AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts",
            Cluster = "retail-prod-apne2",
            Status = IncidentStatus.Open,
            OpenedAt = CreatedAt,
            UpdatedAt = CreatedAt,
        };

        var before = await store.FindOpenByAlarmAsync(alarmIncident.AlarmArn, Ct);
        var opened = await store.OpenOrJoinAsync(alarmIncident, TimeSpan.FromMinutes(15), Ct);

        Assert.Null(before);
        Assert.True(opened.Created);
        Assert.Equal(alarmIncident.Id, opened.Incident.Id);
    }

    [Fact]
    public async Task A_call_that_died_between_the_record_and_its_details_is_finished_by_the_next()
    {
        var store = new InMemoryIncidentStore();
        var incident = Incident();
        // What the first call left: the store record (opened as the recorder opens it), no details entry.
        await store.OpenOrJoinAsync(new StoredIncident
        {
            Id = incident.Id,
            CorrelationKey = "create_incident:" + incident.Id,
            AlarmName = IncidentStoreRecorder.Source,
            AlarmArn = IncidentStoreRecorder.SourceArn,
            Cluster = incident.Cluster,
            Status = IncidentStatus.Open,
            OpenedAt = CreatedAt,
            UpdatedAt = CreatedAt,
        }, TimeSpan.Zero, Ct);
        var recorder = new IncidentStoreRecorder(store);

        var before = await recorder.FindAsync(incident.Id, Ct);
        var finished = await recorder.RecordAsync(incident, Ct);

        Assert.Null(before);
        Assert.False(finished.Created);
        Assert.Equal(incident.Title, finished.Stored.Title);
        Assert.NotNull(await recorder.FindAsync(incident.Id, Ct));
    }

    [Fact]
    public async Task An_id_an_alarm_opened_is_a_conflict_not_overwritten()
    {
        var store = new InMemoryIncidentStore();
        const string id = "inc-0123456789abcdef01234567";
        await store.OpenOrJoinAsync(new StoredIncident
        {
            Id = id,
            CorrelationKey = "alarm:x",
            AlarmName = "inc",
            AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:inc",
            Status = IncidentStatus.Open,
            OpenedAt = CreatedAt,
            UpdatedAt = CreatedAt,
        }, TimeSpan.Zero, Ct);
        var recorder = new IncidentStoreRecorder(store);

        var found = await Assert.ThrowsAsync<ToolException>(async () => await recorder.FindAsync(id, Ct));
        var recorded = await Assert.ThrowsAsync<ToolException>(async () => await recorder.RecordAsync(Incident(id), Ct));

        Assert.Equal(("conflict", "conflict"), (found.Code, recorded.Code));
        Assert.Contains("opened by alarm inc", recorded.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetTimelineAsync(id, Ct));
    }

    [Fact]
    public async Task Store_throttling_is_a_throttled_tool_error()
    {
        var recorder = new IncidentStoreRecorder(new ThrottledStore());

        var error = await Assert.ThrowsAsync<ToolException>(async () => await recorder.RecordAsync(Incident(), Ct));

        Assert.Equal("throttled", error.Code);
        Assert.IsType<EksOps.Aws.AwsThrottlingException>(error.InnerException);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A store whose every call is throttled, as DynamoDB's store reports it after the SDK's retries.</summary>
    private sealed class ThrottledStore : IIncidentStore
    {
        private static EksOps.Aws.AwsThrottlingException Throttled() =>
            new EksOps.Aws.AwsThrottlingException("dynamodb", "GetItem", System.Net.HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException", "slow down", null);

        public Task<CorrelationResult> OpenOrJoinAsync(StoredIncident candidate, TimeSpan window, CancellationToken cancellationToken) => throw Throttled();

        public Task<StoredIncident?> GetAsync(string incidentId, CancellationToken cancellationToken) => throw Throttled();

        public Task<StoredIncident?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken) => throw Throttled();

        public Task<StoredIncident> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken) => throw Throttled();

        public Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken) => throw Throttled();

        public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken) => throw Throttled();

        public Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken) => throw Throttled();

        public Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken) => throw Throttled();

        public Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken) => throw Throttled();

        public Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) => throw Throttled();
    }
}
