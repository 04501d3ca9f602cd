using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Internal;

/// <summary>
/// The three events the flow publishes, with the detail schemas the library README documents. Every detail names the
/// incident, its alarm, cluster, subject, root cause and runbook, so a rule or a chat message needs nothing else.
/// </summary>
internal static class FlowEvents
{
    public const string RemediationAppliedClaim = "remediation-applied";
    public const string IncidentResolvedClaim = "incident-resolved";
    public const string IncidentEscalatedClaim = "incident-escalated";

    public static IncidentEvent RemediationApplied(IncidentRecord record, JsonObject? analysis, JsonObject plan, JsonObject applied, string? approvedBy, DateTimeOffset now)
    {
        var detail = Common(record, analysis, plan);
        detail["decision"] = Node.Str(plan, "decision");
        detail["summary"] = Node.Str(plan, "summary");
        detail["changes"] = Node.Clone(applied["changes"]) ?? new JsonArray();
        detail["approvedBy"] = approvedBy;
        detail["alreadyInPlace"] = Node.Bool(applied, "recovered") ?? false;
        detail["appliedAt"] = Node.Str(applied, "appliedAt") ?? Node.Iso(now);
        return Event(IncidentEventTypes.RemediationApplied, record, detail, now);
    }

    public static IncidentEvent IncidentResolved(IncidentRecord record, JsonObject? analysis, JsonObject? plan, JsonObject verification, string reportSummary, DateTimeOffset now)
    {
        var detail = Common(record, analysis, plan);
        detail["outcome"] = Node.Str(verification, "outcome");
        detail["reason"] = Node.Str(verification, "reason");
        detail["alarmState"] = Node.Str(verification, "alarmState");
        detail["resolvedAt"] = Node.Iso(now);
        detail["report"] = new JsonObject { ["summary"] = reportSummary };
        return Event(IncidentEventTypes.IncidentResolved, record, detail, now);
    }

    public static IncidentEvent IncidentEscalated(IncidentRecord record, JsonObject? analysis, JsonObject? plan, string reason, JsonObject? error, bool applied, bool? rolledBack, string reportSummary, DateTimeOffset now)
    {
        var detail = Common(record, analysis, plan);
        detail["confidence"] = Node.Num(analysis, "confidence");
        detail["decision"] = Node.Str(plan, "decision");
        detail["reason"] = reason;
        detail["error"] = Node.Clone(error);
        detail["applied"] = applied;
        detail["rolledBack"] = rolledBack;
        detail["escalatedAt"] = Node.Iso(now);
        detail["report"] = new JsonObject { ["summary"] = reportSummary };
        return Event(IncidentEventTypes.IncidentEscalated, record, detail, now);
    }

    private static JsonObject Common(IncidentRecord record, JsonObject? analysis, JsonObject? plan) => new()
    {
        ["alarm"] = new JsonObject { ["name"] = record.AlarmName, ["arn"] = record.AlarmArn },
        ["cluster"] = Node.Str(analysis, "cluster") ?? record.Cluster,
        ["subject"] = Node.ToRef(analysis?["subject"])?.ToString() ?? record.Subject,
        ["rootCause"] = Node.Str(analysis, "rootCause") ?? record.RootCause,
        ["runbook"] = Node.Str(plan, "runbook") ?? Node.Str(analysis, "runbook") ?? record.Runbook,
        ["target"] = Node.ToRef(plan?["target"])?.ToString(),
        ["patchHash"] = Node.Str(plan, "patchHash"),
    };

    private static IncidentEvent Event(string detailType, IncidentRecord record, JsonObject detail, DateTimeOffset now)
    {
        var resources = new List<string> { record.AlarmArn };
        if (record.ExecutionArn is { Length: > 0 } execution)
        {
            resources.Add(execution);
        }

        return new IncidentEvent
        {
            DetailType = detailType,
            IncidentId = record.Id,
            Detail = Node.WithoutNulls(detail),
            Time = now,
            Resources = resources,
        };
    }
}
