using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Reporting;

/// <summary>Builds the <see cref="IncidentReport"/> from the record and the timeline, from whatever steps ran.</summary>
internal static class IncidentReportBuilder
{
    private const int MaxFailuresListed = 20;

    // The order steps write their entries in; a key ending in ':' stands for every key it starts.
    private static readonly string[] FlowKeys =
    [
        TimelineKeys.Alarm, "alarm:", TimelineKeys.Diagnosis, "model:", TimelineKeys.Analysis, TimelineKeys.Plan, TimelineKeys.ApprovalRequested,
        TimelineKeys.Approval, TimelineKeys.Change, TimelineKeys.Verification, TimelineKeys.Rollback, TimelineKeys.Resolution, TimelineKeys.Escalation,
    ];

    /// <param name="incidentId">The incident.</param>
    /// <param name="record">The record; <see langword="null"/> when the store has none (an escalation still reports).</param>
    /// <param name="timeline">The timeline, oldest first.</param>
    /// <param name="status">The status the report states.</param>
    /// <param name="outcome"><c>resolved</c>, <c>monitoring</c> or <c>escalated</c>.</param>
    /// <param name="now">When it is written.</param>
    /// <param name="escalation">Why it was escalated, for escalations.</param>
    /// <param name="alarmEvent">The alarm event from the execution state, for when no diagnosis kept one.</param>
    public static IncidentReport Build(string incidentId, IncidentRecord? record, IReadOnlyList<TimelineEntry> timeline, IncidentStatus status, string outcome, DateTimeOffset now, ReportEscalation? escalation, JsonObject? alarmEvent)
    {
        var entries = timeline.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        JsonObject? Data(string key) => entries.TryGetValue(key, out var entry) ? entry.Data : null;
        var diagnosis = Data(TimelineKeys.Diagnosis);
        var analysis = Data(TimelineKeys.Analysis);
        var plan = Data(TimelineKeys.Plan);
        var change = Data(TimelineKeys.Change);
        var verification = Data(TimelineKeys.Verification);
        var rollback = Data(TimelineKeys.Rollback);
        var supporting = Node.StringList(analysis?["supportingFindings"]).ToHashSet(StringComparer.Ordinal);

        var report = new IncidentReport
        {
            IncidentId = incidentId,
            Headline = string.Empty,
            Outcome = outcome,
            Status = status.ToString(),
            GeneratedAt = now,
            OpenedAt = record?.OpenedAt,
            Alarm = Alarm(record, Node.Obj(diagnosis, DiagnosisJson.AlarmEventMember) ?? alarmEvent),
            Cluster = Node.Str(analysis, "cluster") ?? Node.Str(diagnosis, "cluster") ?? record?.Cluster,
            Environment = Node.Str(analysis, "environment") ?? Node.Str(diagnosis, "environment"),
            Subject = Node.ToRef(analysis?["subject"] ?? diagnosis?["subject"])?.ToString() ?? record?.Subject,
            RootCause = Node.Str(analysis, "rootCause") ?? Node.Str(diagnosis, "rootCause") ?? record?.RootCause,
            Confidence = Node.Num(analysis, "confidence") ?? Node.Num(diagnosis, "confidence"),
            DecidedBy = Node.Str(analysis, "decidedBy") ?? Node.Str(diagnosis, "decidedBy"),
            AnalysisReason = Node.Str(analysis, "reason") ?? Node.Str(diagnosis, "decisionReason"),
            Summary = Node.Str(analysis, "summary") ?? Node.Str(diagnosis, "summary"),
            Findings = [.. Node.Arr(diagnosis, "findings").OfType<JsonObject>().Select(f => Finding(f, supporting))],
            Evidence = diagnosis is null ? null : Evidence(diagnosis),
            Proposal = analysis is null ? null : new ReportProposal
            {
                Runbook = Node.Str(analysis, "runbook") ?? "escalate",
                Target = Node.ToRef(analysis["target"])?.ToString(),
                Rationale = Node.Str(analysis, "rationale"),
            },
            Plan = plan is null ? null : Plan(plan),
            Approval = Approval(entries.GetValueOrDefault(TimelineKeys.ApprovalRequested), entries.GetValueOrDefault(TimelineKeys.Approval)),
            Change = change is null ? null : Change(change),
            Verification = verification is null ? null : new ReportVerification
            {
                Outcome = Node.Str(verification, "outcome") ?? "unknown",
                Reason = Node.Str(verification, "reason") ?? string.Empty,
                AlarmState = Node.Str(verification, "alarmState"),
                FindingsStillPresent = [.. Node.Arr(verification, "findingsStillPresent").OfType<JsonObject>()
                    .Select(f => $"{Node.Str(f, "id")} {Node.Str(f, "kind")}: {Node.Str(f, "message")}")],
            },
            Rollback = rollback is null ? null : new ReportRollback
            {
                RolledBack = Node.Bool(rollback, "rolledBack") ?? false,
                Reason = Node.Str(rollback, "reason") ?? string.Empty,
                Patch = Node.Obj(rollback, "patch")?.ToJsonString(),
            },
            Escalation = escalation,
            ModelUsage = ModelUsage(timeline, analysis),
            Timeline = [.. timeline.Where(e => !e.Key.StartsWith("tool:", StringComparison.Ordinal))
                .OrderBy(e => e.At)
                .ThenBy(e => FlowOrder(e.Key))
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new ReportTimelineItem(e.At, e.Key, e.Kind.ToString(), e.Summary))],
        };
        return report with { Headline = Headline(report) };
    }

    /// <summary>Where a key comes in the flow, so entries written within one clock tick (a frozen replay clock) read in order.</summary>
    private static int FlowOrder(string key)
    {
        int index = Array.FindIndex(FlowKeys, o => o.EndsWith(':') ? key.StartsWith(o, StringComparison.Ordinal) : key == o);
        return index < 0 ? FlowKeys.Length : index;
    }

    private static ReportAlarm Alarm(IncidentRecord? record, JsonObject? alarmEvent)
    {
        AlarmStateChange? parsed = null;
        if (alarmEvent is not null)
        {
            try
            {
                parsed = AlarmEventParser.Parse(alarmEvent.ToJsonString());
            }
            catch (InvalidAlarmEventException)
            {
                // The report still names the alarm from the record.
            }
        }

        return new ReportAlarm
        {
            Name = record?.AlarmName ?? parsed?.AlarmName ?? "(unknown alarm)",
            Arn = record?.AlarmArn ?? parsed?.AlarmArn ?? string.Empty,
            State = parsed?.State.Value switch { AlarmStateValue.Ok => "OK", AlarmStateValue.Alarm => "ALARM", AlarmStateValue.InsufficientData => "INSUFFICIENT_DATA", _ => null },
            Reason = parsed?.State.Reason is { Length: > 0 } reason ? reason : null,
            StateChangedAt = parsed?.State.Timestamp,
        };
    }

    private static ReportFinding Finding(JsonObject finding, HashSet<string> supporting)
    {
        string id = Node.Str(finding, "id") ?? string.Empty;
        return new ReportFinding
        {
            Id = id,
            Analyzer = Node.Str(finding, "analyzer") ?? string.Empty,
            Kind = Node.Str(finding, "kind") ?? string.Empty,
            About = Node.ToRef(finding["about"])?.ToString() ?? string.Empty,
            Message = Node.Str(finding, "message") ?? string.Empty,
            Supporting = supporting.Contains(id),
            EvidenceIds = Node.StringList(finding["evidenceIds"]),
        };
    }

    private static ReportEvidence Evidence(JsonObject diagnosis)
    {
        var reads = Node.Arr(diagnosis, "evidence").OfType<JsonObject>().ToList();
        var failed = reads.Where(r => Node.Str(r, "outcome") != "Success").ToList();
        return new ReportEvidence
        {
            Reads = reads.Count,
            FailedReads = failed.Count,
            Bytes = Node.Int(diagnosis, "budget", "bytes") ?? reads.Sum(r => Node.Int(r, "bytes") ?? 0),
            Skipped = (int)(Node.Int(diagnosis, "budget", "skipped") ?? 0),
            ExhaustedBy = Node.Str(diagnosis, "budget", "exhaustedBy"),
            Failures = [.. failed.Take(MaxFailuresListed).Select(r => $"{Node.Str(r, "id")} {Node.Str(r, "tool")} ({Node.Str(r, "purpose")}): {Node.Str(r, "outcome")}")],
        };
    }

    private static ReportPlan Plan(JsonObject plan)
    {
        string? rollback = Node.Obj(plan, "rollback") is { } inverse
            ? (Node.Bool(inverse, "possible") == true ? "can be undone: " : "cannot be undone: ") + Node.Str(inverse, "reason")
            : null;
        return new ReportPlan
        {
            Decision = Node.Str(plan, "decision") ?? PlanDecisions.Escalate,
            Reason = Node.Str(plan, "reason") ?? string.Empty,
            Summary = Node.Str(plan, "summary"),
            PatchHash = Node.Str(plan, "patchHash"),
            DryRunRequest = Node.Str(plan, "dryRun", "request"),
            Changes = FieldChanges(Node.At(plan, "preview", "changes")),
            Rollback = rollback,
        };
    }

    private static ReportApproval? Approval(TimelineEntry? requested, TimelineEntry? answered)
    {
        if (requested is null && answered is null)
        {
            return null;
        }

        return new ReportApproval
        {
            RequestedAt = requested?.At,
            Approved = Node.Bool(answered?.Data, "approved"),
            Approver = Node.Str(answered?.Data, "approver"),
            Reason = Node.Str(answered?.Data, "reason"),
            AnsweredAt = answered?.At,
        };
    }

    private static ReportChange Change(JsonObject change) => new()
    {
        Summary = Node.Str(change, "summary") ?? string.Empty,
        Target = Node.Str(change, "target") ?? string.Empty,
        Namespace = Node.Str(change, "namespace"),
        PatchHash = Node.Str(change, "patchHash") ?? string.Empty,
        Request = Node.Str(change, "request"),
        Changes = FieldChanges(change["changes"]),
        AppliedAt = Node.Time(change, "appliedAt"),
        ApprovedBy = Node.Str(change, "approvedBy"),
        EventId = Node.Str(change, "eventId"),
        FoundInPlace = Node.Bool(change, "recovered") ?? false,
    };

    private static IReadOnlyList<ReportFieldChange> FieldChanges(JsonNode? changes) =>
        [.. Node.Arr(changes).OfType<JsonObject>().Select(c => new ReportFieldChange(Node.Str(c, "field") ?? "?", Node.Display(c["before"]), Node.Display(c["after"])))];

    private static ReportModelUsage ModelUsage(IReadOnlyList<TimelineEntry> timeline, JsonObject? analysis)
    {
        var runs = timeline.Where(e => e.Kind == TimelineKind.ModelCall && e.Data is not null).Select(e => e.Data!).ToList();
        return new ReportModelUsage
        {
            Runs = runs.Count,
            Invocations = (int)runs.Sum(r => Node.Int(r, "invocations") ?? 0),
            InputTokens = runs.Sum(r => Node.Int(r, "inputTokens") ?? 0),
            OutputTokens = runs.Sum(r => Node.Int(r, "outputTokens") ?? 0),
            Fallback = Node.Str(analysis, "fallbackReason"),
        };
    }

    private static string Headline(IncidentReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        string what = report.RootCause is null
            ? $"alarm {report.Alarm.Name} was not diagnosed"
            : string.Create(invariant, $"{report.RootCause} on {report.Subject ?? "an unknown subject"} (confidence {report.Confidence ?? 0:0.00}, alarm {report.Alarm.Name})");
        string done = report.Change is { } change
            ? $"Applied: {change.Summary}."
            : report.Plan is { Summary: { } planned } ? $"Planned but not applied: {planned}." : "Nothing was changed in the cluster.";
        string after = report.Outcome switch
        {
            "resolved" => $"Verified: {report.Verification?.Reason}.",
            "monitoring" => $"Monitoring until the alarm is OK: {report.Verification?.Reason}.",
            _ => $"Why a human is needed: {report.Escalation?.Reason}."
                + (report.Rollback is { } rollback ? (rollback.RolledBack ? " The change was rolled back." : $" Not rolled back: {rollback.Reason}.") : string.Empty),
        };
        return $"{char.ToUpperInvariant(report.Outcome[0])}{report.Outcome[1..]}: {what}. {done} {after}";
    }
}
