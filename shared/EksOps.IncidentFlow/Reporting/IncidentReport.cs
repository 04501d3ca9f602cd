using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow;

/// <summary>
/// The incident report: what fired, what was found and concluded, what was proposed and decided (and why), who
/// approved, the diff applied, how it was verified or rolled back, why it was escalated, the model's usage, and the
/// timeline. Stored as the <c>report</c> timeline entry (its JSON form, <see cref="ToJson"/>); rendered for people by
/// <see cref="IncidentReportMarkdown"/>.
/// </summary>
public sealed record IncidentReport
{
    /// <summary>The incident.</summary>
    public required string IncidentId { get; init; }

    /// <summary>One paragraph for a notification: outcome, cause, subject and what was done.</summary>
    public required string Headline { get; init; }

    /// <summary><c>resolved</c>, <c>monitoring</c> or <c>escalated</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The incident's status when the report was written (an <see cref="IncidentStatus"/> name).</summary>
    public required string Status { get; init; }

    /// <summary>When the report was written.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>When the alarm transition that opened the incident happened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>The alarm.</summary>
    public required ReportAlarm Alarm { get; init; }

    /// <summary>The cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>The cluster's environment (<c>production</c>, <c>staging</c>, <c>development</c>).</summary>
    public string? Environment { get; init; }

    /// <summary>The object the incident is about (<c>Kind namespace/name</c>).</summary>
    public string? Subject { get; init; }

    /// <summary>The root cause (taxonomy id), once analyzed.</summary>
    public string? RootCause { get; init; }

    /// <summary>The analysis confidence, 0–1.</summary>
    public double? Confidence { get; init; }

    /// <summary><c>deterministic</c> or <c>model</c>.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Why that path decided.</summary>
    public string? AnalysisReason { get; init; }

    /// <summary>The analysis' summary for the person on call, citing findings and evidence by id.</summary>
    public string? Summary { get; init; }

    /// <summary>The analyzers' findings.</summary>
    public IReadOnlyList<ReportFinding> Findings { get; init; } = [];

    /// <summary>What the diagnosis read; <see langword="null"/> when it did not run.</summary>
    public ReportEvidence? Evidence { get; init; }

    /// <summary>The proposal; <see langword="null"/> when the analysis did not run.</summary>
    public ReportProposal? Proposal { get; init; }

    /// <summary>The plan and the policy's decision; <see langword="null"/> when planning did not run.</summary>
    public ReportPlan? Plan { get; init; }

    /// <summary>The approval; <see langword="null"/> when none was asked for.</summary>
    public ReportApproval? Approval { get; init; }

    /// <summary>The change applied; <see langword="null"/> when nothing was applied.</summary>
    public ReportChange? Change { get; init; }

    /// <summary>The verification; <see langword="null"/> when it did not run.</summary>
    public ReportVerification? Verification { get; init; }

    /// <summary>The rollback; <see langword="null"/> when it did not run.</summary>
    public ReportRollback? Rollback { get; init; }

    /// <summary>The escalation; <see langword="null"/> unless escalated.</summary>
    public ReportEscalation? Escalation { get; init; }

    /// <summary>The Bedrock agent's usage.</summary>
    public ReportModelUsage ModelUsage { get; init; } = new();

    /// <summary>The timeline, oldest first (single reads are summarized in <see cref="Evidence"/>).</summary>
    public IReadOnlyList<ReportTimelineItem> Timeline { get; init; } = [];

    /// <summary>The report as JSON (camelCase members, nulls left out).</summary>
    /// <returns>A new object.</returns>
    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, IncidentFlowJsonContext.Default.IncidentReport)!;

    /// <summary>Reads a report from its JSON form (a stored <c>report</c> entry's data).</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">The JSON is not a report.</exception>
    public static IncidentReport FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return json.Deserialize(IncidentFlowJsonContext.Default.IncidentReport) ?? throw new JsonException("the report is JSON null");
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("the JSON is not an incident report: " + e.Message, e);
        }
    }

    /// <summary>The latest report stored for an incident: the escalation report when there is one, else the report.</summary>
    /// <param name="store">The incident store.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report, or <see langword="null"/> when none was written.</returns>
    /// <exception cref="JsonException">The stored report does not read as one.</exception>
    public static async Task<IncidentReport?> LoadAsync(IIncidentStore store, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entry = await store.FindEntryAsync(incidentId, TimelineKeys.EscalationReport, cancellationToken).ConfigureAwait(false)
            ?? await store.FindEntryAsync(incidentId, TimelineKeys.Report, cancellationToken).ConfigureAwait(false);
        return entry?.Data is { } data ? FromJson(data) : null;
    }
}
