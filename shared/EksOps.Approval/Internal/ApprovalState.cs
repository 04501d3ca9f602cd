using EksOps.IncidentStore;

namespace EksOps.Approval.Internal;

/// <summary>What the store holds about one incident's approval: the record and the timeline entries that matter.</summary>
internal sealed class ApprovalState
{
    private ApprovalState(IncidentRecord incident, IReadOnlyList<TimelineEntry> timeline)
    {
        Incident = incident;
        TimelineEntry? Find(string key) => timeline.FirstOrDefault(e => e.Key == key);
        Plan = Find(ApprovalTimelineKeys.Plan) is { } plan ? new PlanView(plan) : null;
        Diagnosis = Find(ApprovalTimelineKeys.Diagnosis);
        Analysis = Find(ApprovalTimelineKeys.Analysis);
        Request = Find(ApprovalTimelineKeys.ApprovalRequested);
        Approval = Find(ApprovalTimelineKeys.Approval);
        // A retried request step may have recorded a newer task token; the decision must go to the task that is waiting now.
        LatestRequest = timeline
            .Where(e => e.Key == ApprovalTimelineKeys.ApprovalRequested || e.Key.StartsWith(ApprovalTimelineKeys.ApprovalRetryPrefix, StringComparison.Ordinal))
            .OrderBy(e => e.At)
            .ThenBy(e => e.Key == ApprovalTimelineKeys.ApprovalRequested ? 0 : 1)
            .LastOrDefault();
    }

    public IncidentRecord Incident { get; }

    public PlanView? Plan { get; }

    public TimelineEntry? Diagnosis { get; }

    public TimelineEntry? Analysis { get; }

    /// <summary>The first <c>approval-requested</c> entry: links, expiry, event id.</summary>
    public TimelineEntry? Request { get; }

    /// <summary>The newest entry carrying a task token (the first request, or a retry's).</summary>
    public TimelineEntry? LatestRequest { get; }

    public TimelineEntry? Approval { get; }

    public string? TaskToken => JsonRead.String(LatestRequest?.Data, "taskToken");

    /// <summary>When the waiting task times out, as the request step computed it.</summary>
    public DateTimeOffset? ExpiresAt => JsonRead.Time(LatestRequest?.Data, "expiresAt");

    public static async Task<ApprovalState?> LoadAsync(IIncidentStore store, string incidentId, CancellationToken cancellationToken)
    {
        var incident = await store.GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (incident is null)
        {
            return null;
        }

        var timeline = await store.GetTimelineAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return new ApprovalState(incident, timeline);
    }
}
