using System.Text.Json.Nodes;
using EksOps.Approval.Internal;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Approval;

/// <summary>Builds the detail of the <c>Approval Requested</c> event: what a human needs to decide, and how to answer.</summary>
internal static class ApprovalRequestDetail
{
    /// <summary>The most characters of the dry-run preview (and of the dry-run result) put in the event.</summary>
    public const int MaxPreviewChars = 64 * 1024;

    private const int MaxFindings = 8;
    private const int MaxFindingChars = 500;

    public static JsonObject Build(ApprovalState state, PlanView plan, ProposedChange change, JsonObject links, DateTimeOffset expiresAt, ApprovalAuthMode mode, Uri? approvalUrl)
    {
        var incident = state.Incident;
        var analysis = state.Analysis?.Data;
        var diagnosis = state.Diagnosis?.Data;
        var detail = new JsonObject
        {
            ["incidentId"] = incident.Id,
            ["alarmName"] = incident.AlarmName,
            ["cluster"] = incident.Cluster ?? change.Cluster,
            ["namespace"] = change.Namespace,
            ["subject"] = incident.Subject ?? JsonRead.Subject(analysis, "subject") ?? JsonRead.Subject(diagnosis, "subject"),
            ["rootCause"] = incident.RootCause ?? JsonRead.String(analysis, "rootCause") ?? JsonRead.String(diagnosis, "rootCause"),
            ["confidence"] = JsonRead.Number(analysis, "confidence") ?? JsonRead.Number(diagnosis, "confidence"),
            ["runbook"] = plan.Runbook ?? change.Runbook?.Id() ?? incident.Runbook,
            ["target"] = change.Target,
            ["change"] = change.Summary,
            ["reason"] = plan.Reason,
            ["patchHash"] = change.PatchHash,
            ["preview"] = JsonRead.Bounded(plan.Preview, MaxPreviewChars),
            ["dryRun"] = JsonRead.Bounded(plan.DryRun, MaxPreviewChars),
            ["evidence"] = Evidence(state),
            ["authMode"] = mode == ApprovalAuthMode.Link ? "link" : "iam",
            ["links"] = links,
            ["expiresAt"] = ApprovalLinkSigner.Iso(expiresAt),
        };
        if (mode == ApprovalAuthMode.Iam && approvalUrl is { } url)
        {
            detail["decisionUrl"] = DecisionsUrl(url).AbsoluteUri;
        }

        return detail;
    }

    /// <summary>Where IAM approvers POST: <c>&lt;approval URL&gt;/decisions</c>.</summary>
    public static Uri DecisionsUrl(Uri approvalUrl) =>
        new UriBuilder(approvalUrl) { Path = approvalUrl.AbsolutePath.TrimEnd('/') + "/decisions", Query = string.Empty }.Uri;

    /// <summary>The evidence summary: the diagnosis and analysis in a sentence each, the first findings, how much was read.</summary>
    private static JsonObject Evidence(ApprovalState state)
    {
        var diagnosis = state.Diagnosis?.Data;
        var analysis = state.Analysis?.Data;
        var findings = new JsonArray();
        if (diagnosis?["findings"] is JsonArray found)
        {
            foreach (var item in found.Take(MaxFindings))
            {
                string? text = JsonRead.AsString(item) ?? JsonRead.String(item, "message");
                if (text is not null)
                {
                    findings.Add((JsonNode)JsonValue.Create(text.Length > MaxFindingChars ? text[..MaxFindingChars] + "…" : text));
                }
            }
        }

        return new JsonObject
        {
            ["diagnosis"] = state.Diagnosis?.Summary,
            ["analysis"] = state.Analysis?.Summary,
            ["decidedBy"] = JsonRead.String(analysis, "decidedBy"),
            ["analysisReason"] = JsonRead.String(analysis, "reason"),
            ["findings"] = findings,
            ["evidenceReads"] = diagnosis?["evidence"] is JsonArray reads ? reads.Count : null,
        };
    }
}
