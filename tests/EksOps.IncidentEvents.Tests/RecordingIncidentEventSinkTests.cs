using System.Text.Json.Nodes;

namespace EksOps.IncidentEvents.Tests;

public sealed class RecordingIncidentEventSinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IncidentEvent Event(string type, string incidentId, JsonObject? detail = null) => new()
    {
        DetailType = type,
        IncidentId = incidentId,
        Detail = detail ?? new JsonObject { ["summary"] = "checkout restarts" },
        Time = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        Resources = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout"],
    };

    [Fact]
    public async Task Events_are_kept_in_order_with_distinct_ids_and_the_incident_id_first_in_the_detail()
    {
        var sink = new RecordingIncidentEventSink();
        var detail = new JsonObject { ["incidentId"] = "stale", ["summary"] = "checkout restarts" };

        var first = await sink.PublishAsync(Event(IncidentEventTypes.IncidentOpened, "inc-1", detail), Ct);
        var second = await sink.PublishAsync(Event(IncidentEventTypes.IncidentResolved, "inc-1"), Ct);

        Assert.NotEqual(first, second);
        Assert.Equal([first, second], sink.Events.Select(e => e.EventId));
        var opened = Assert.Single(sink.OfType(IncidentEventTypes.IncidentOpened));
        Assert.Equal("""{"incidentId":"inc-1","summary":"checkout restarts"}""", opened.Event.Detail.ToJsonString());
        Assert.Equal("stale", detail["incidentId"]!.GetValue<string>());
        Assert.Equal(["arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout"], opened.Event.Resources);
    }

    [Fact]
    public async Task The_callback_sees_each_event_after_it_is_recorded_and_its_exception_is_the_publish_error()
    {
        var seen = new List<string>();
        RecordingIncidentEventSink? sink = null;
        sink = new RecordingIncidentEventSink((recorded, _) =>
        {
            Assert.Contains(recorded, sink!.Events);
            seen.Add(recorded.Event.DetailType);
            return recorded.Event.DetailType == IncidentEventTypes.ApprovalRequested
                ? throw new InvalidOperationException("approver unavailable")
                : Task.CompletedTask;
        });

        await sink.PublishAsync(Event(IncidentEventTypes.IncidentOpened, "inc-1"), Ct);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.PublishAsync(Event(IncidentEventTypes.ApprovalRequested, "inc-1"), Ct));

        Assert.Equal("approver unavailable", error.Message);
        Assert.Equal([IncidentEventTypes.IncidentOpened, IncidentEventTypes.ApprovalRequested], seen);
        Assert.Equal(2, sink.Events.Count);
    }

    [Fact]
    public async Task Concurrent_publishers_each_get_their_own_id()
    {
        var sink = new RecordingIncidentEventSink();

        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => sink.PublishAsync(Event(IncidentEventTypes.IncidentOpened, "inc-" + i), Ct), Ct)));

        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(100, sink.Events.Count);
        Assert.Equal(ids.Order(), sink.Events.Select(e => e.EventId).Order());
    }

    [Fact]
    public async Task An_event_without_a_detail_type_or_incident_is_refused()
    {
        var sink = new RecordingIncidentEventSink();

        await Assert.ThrowsAsync<ArgumentException>(() => sink.PublishAsync(Event(string.Empty, "inc-1"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => sink.PublishAsync(Event(IncidentEventTypes.IncidentOpened, string.Empty), Ct));
        Assert.Empty(sink.Events);
    }
}
