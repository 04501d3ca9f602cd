using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.Diagnosis.Internal;
using EksOps.Diagnosis.Resolution;
using EksOps.Incidents;

namespace EksOps.Diagnosis.Analysis;

/// <summary>Writes the human summary and the model digest of a diagnosis.</summary>
internal static class Report
{
    private const int DigestFindings = 25;

    public static string Summary(AlarmStateChange alarm, RootCause cause, double confidence, ObjectRef subject, Hypothesis? decided,
        IReadOnlyList<Hypothesis> hypotheses, IReadOnlyList<Finding> findings, RemediationProposal proposal, InvestigationScope scope)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"Alarm {alarm.AlarmName}: {cause.Id()} on {subject} (confidence {confidence:0.00}). ");
        if (decided is not null)
        {
            text.Append(decided.Rationale).Append(". Evidence: ");
            var cited = decided.FindingIds.Select(id => findings.First(f => f.Id == id)).Take(3)
                .Select(f => $"{f.Message} [{f.Id}: {string.Join(", ", f.EvidenceIds)}]");
            text.AppendJoin("; ", cited).Append(". ");
        }
        else
        {
            text.Append(findings.Count == 0
                ? "No analyzer found anything wrong in what was read. "
                : "The findings do not support a conclusion: " + string.Join("; ", findings.Take(3).Select(f => $"{f.Message} [{f.Id}]")) + ". ");
        }

        text.Append(invariant, $"Proposal: {proposal.Runbook.Id()}{(proposal.Target is { } target ? " on " + target : string.Empty)}, {(proposal.ApprovalRequired ? "needs approval" : "no approval needed")} ({proposal.Rationale}).");
        var others = hypotheses.Where(h => h != decided).Take(2).ToList();
        if (others.Count > 0)
        {
            text.Append(" Also considered: ").AppendJoin(", ", others.Select(h => string.Create(invariant, $"{h.RootCause.Id()} ({h.Confidence:0.00})"))).Append('.');
        }

        if (scope.Notes.Count > 0)
        {
            text.Append(" Resolution: ").AppendJoin("; ", scope.Notes.Take(3)).Append('.');
        }

        return text.ToString();
    }

    public static string Digest(AlarmStateChange alarm, string cluster, ClusterEnvironment environment, ObjectRef alarmSubject, RootCause cause, double confidence,
        ObjectRef subject, IReadOnlyList<Hypothesis> hypotheses, IReadOnlyList<Finding> findings, RemediationProposal proposal, InvestigationScope scope, BudgetUsage budget)
    {
        var digest = new JsonObject
        {
            ["alarm"] = new JsonObject
            {
                ["name"] = alarm.AlarmName,
                ["kind"] = alarm.Kind.ToString(),
                ["state"] = alarm.State.Value.ToString(),
                ["reason"] = alarm.State.Reason,
                ["description"] = alarm.Configuration.Description,
            },
            ["cluster"] = cluster,
            ["environment"] = environment.Id(),
            ["alarmSubject"] = alarmSubject.ToString(),
            ["subject"] = subject.ToString(),
            ["rootCause"] = cause.Id(),
            ["confidence"] = confidence,
            ["hypotheses"] = new JsonArray([.. hypotheses.Select(h => (JsonNode?)new JsonObject
            {
                ["rootCause"] = h.RootCause.Id(),
                ["confidence"] = h.Confidence,
                ["subject"] = h.Subject.ToString(),
                ["rationale"] = h.Rationale,
                ["findings"] = new JsonArray([.. h.FindingIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
            })]),
            ["findings"] = new JsonArray([.. findings.Take(DigestFindings).Select(f => (JsonNode?)new JsonObject
            {
                ["id"] = f.Id,
                ["kind"] = f.Kind.ToString(),
                ["object"] = f.About.ToString(),
                ["message"] = f.Message,
                ["evidence"] = new JsonArray([.. f.EvidenceIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
            })]),
            ["proposal"] = new JsonObject
            {
                ["runbook"] = proposal.Runbook.Id(),
                ["target"] = proposal.Target?.ToString(),
                ["approvalRequired"] = proposal.ApprovalRequired,
                ["rationale"] = proposal.Rationale,
            },
            ["notes"] = new JsonArray([.. scope.Notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["budget"] = new JsonObject { ["calls"] = budget.Calls, ["bytes"] = budget.Bytes, ["exhaustedBy"] = budget.ExhaustedBy },
        };
        return JsonFields.Compact(digest);
    }
}
