using System.Globalization;
using System.Text;

namespace EksOps.IncidentFlow;

/// <summary>
/// Renders an <see cref="IncidentReport"/> as Markdown for the person on call: the headline first, then the facts
/// table, what was found (findings and the evidence read), what was proposed and decided and why, the diff applied
/// (or planned), verification, rollback, escalation, model usage and the timeline.
/// </summary>
public static class IncidentReportMarkdown
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Markdown text ending in a newline.</returns>
    public static string Render(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine(invariant, $"# Incident {report.IncidentId}: {report.Outcome.ToUpperInvariant()}");
        md.AppendLine();
        md.AppendLine(invariant, $"> {Inline(report.Headline)}");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        Row(md, "Status", report.Status);
        Row(md, "Alarm", $"`{report.Alarm.Name}`" + (report.Alarm.State is { } state ? $" {state}" : string.Empty) + (report.Alarm.StateChangedAt is { } changed ? $" since {Time(changed)}" : string.Empty));
        if (report.Alarm.Reason is { } reason)
        {
            Row(md, "Alarm reason", reason);
        }

        Row(md, "Cluster", report.Cluster is null ? "(unknown)" : report.Cluster + (report.Environment is { } env ? $" ({env})" : string.Empty));
        Row(md, "Subject", report.Subject ?? "(not resolved)");
        Row(md, "Root cause", report.RootCause is null
            ? "(not analyzed)"
            : string.Create(invariant, $"**{report.RootCause}** (confidence {report.Confidence ?? 0:0.00}, decided by {report.DecidedBy ?? "?"})"));
        if (report.OpenedAt is { } opened)
        {
            Row(md, "Opened", Time(opened));
        }

        Row(md, "Report written", Time(report.GeneratedAt));
        md.AppendLine();

        Found(md, report);
        Decided(md, report);
        Changed(md, report);
        if (report.Verification is { } verification)
        {
            md.AppendLine("## Verification");
            md.AppendLine();
            md.AppendLine($"**{verification.Outcome}**: {verification.Reason}" + (verification.AlarmState is { } alarm ? $" (alarm state {alarm})" : string.Empty));
            foreach (var finding in verification.FindingsStillPresent)
            {
                md.AppendLine(invariant, $"- still present: {finding}");
            }

            md.AppendLine();
        }

        if (report.Rollback is { } rollback)
        {
            md.AppendLine("## Rollback");
            md.AppendLine();
            md.AppendLine(rollback.RolledBack ? $"**Rolled back**: {rollback.Reason}" : $"**Not rolled back**: {rollback.Reason}");
            if (rollback.Patch is { } patch)
            {
                md.AppendLine();
                md.AppendLine(rollback.RolledBack ? "Inverse patch applied:" : "Inverse patch (for a human to review and apply):");
                md.AppendLine();
                md.AppendLine("```json");
                md.AppendLine(patch);
                md.AppendLine("```");
            }

            md.AppendLine();
        }

        if (report.Escalation is { } escalation)
        {
            md.AppendLine("## Escalation");
            md.AppendLine();
            md.AppendLine(invariant, $"**Why a human is needed:** {escalation.Reason}");
            if (escalation.Error is { } error)
            {
                md.AppendLine();
                md.AppendLine($"Error `{error}`" + (escalation.Cause is { Length: > 0 } cause ? $": {Inline(cause)}" : string.Empty));
            }

            md.AppendLine();
        }

        md.AppendLine("## Model usage");
        md.AppendLine();
        var usage = report.ModelUsage;
        md.AppendLine(usage.Runs == 0
            ? "The Bedrock agent was not asked."
            : string.Create(invariant, $"{usage.Runs} agent run(s), {usage.Invocations} InvokeAgent call(s), {usage.InputTokens} input and {usage.OutputTokens} output tokens."));
        if (usage.Fallback is { } fallback)
        {
            md.AppendLine();
            md.AppendLine(invariant, $"The model's answer was not used: {fallback}");
        }

        md.AppendLine();
        md.AppendLine("## Timeline");
        md.AppendLine();
        md.AppendLine("| time (UTC) | entry | what happened |");
        md.AppendLine("|---|---|---|");
        foreach (var item in report.Timeline)
        {
            md.AppendLine(invariant, $"| {Time(item.At)} | `{item.Key}` | {Cell(item.Summary)} |");
        }

        return md.ToString();
    }

    private static void Found(StringBuilder md, IncidentReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine("## What was found");
        md.AppendLine();
        if (report.Summary is { Length: > 0 } summary)
        {
            md.AppendLine(summary);
            md.AppendLine();
        }

        if (report.AnalysisReason is { Length: > 0 } why)
        {
            md.AppendLine(invariant, $"Decision path: {why}");
            md.AppendLine();
        }

        if (report.Findings.Count > 0)
        {
            md.AppendLine("| finding | about | what | evidence |");
            md.AppendLine("|---|---|---|---|");
            foreach (var finding in report.Findings)
            {
                string id = finding.Supporting ? $"**{finding.Id}** {finding.Kind}" : $"{finding.Id} {finding.Kind}";
                md.AppendLine(invariant, $"| {id} | {Cell(finding.About)} | {Cell(finding.Message)} | {string.Join(", ", finding.EvidenceIds)} |");
            }

            md.AppendLine();
            md.AppendLine("Findings in bold support the root cause.");
            md.AppendLine();
        }

        if (report.Evidence is { } evidence)
        {
            md.AppendLine(string.Create(invariant, $"Evidence: {evidence.Reads} read(s) through the tool registry, {evidence.FailedReads} failed, {evidence.Bytes} bytes")
                + (evidence.ExhaustedBy is { } limit ? string.Create(invariant, $"; the {limit} budget stopped collection ({evidence.Skipped} read(s) skipped)") : string.Empty) + ".");
            foreach (var failure in evidence.Failures)
            {
                md.AppendLine(invariant, $"- failed: {Inline(failure)}");
            }

            md.AppendLine();
        }
        else
        {
            md.AppendLine("The diagnosis did not run; nothing was read.");
            md.AppendLine();
        }
    }

    private static void Decided(StringBuilder md, IncidentReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine("## Proposal and decision");
        md.AppendLine();
        if (report.Proposal is { } proposal)
        {
            md.AppendLine($"- **Proposal:** `{proposal.Runbook}`" + (proposal.Target is { } target ? $" on {target}" : string.Empty) + (proposal.Rationale is { } rationale ? $": {Inline(rationale)}" : string.Empty));
        }
        else
        {
            md.AppendLine("- **Proposal:** none (the analysis did not run)");
        }

        if (report.Plan is { } plan)
        {
            md.AppendLine(invariant, $"- **Decision:** **{plan.Decision}**: {Inline(plan.Reason)}");
            if (plan.PatchHash is { } hash)
            {
                md.AppendLine($"- **Planned change:** {Inline(plan.Summary ?? string.Empty)} (patch `{hash}`" + (plan.DryRunRequest is { } request ? $", dry run `{request}`" : string.Empty) + ")");
            }

            if (plan.Rollback is { } rollback)
            {
                md.AppendLine(invariant, $"- **Rollback:** {Inline(rollback)}");
            }
        }
        else
        {
            md.AppendLine("- **Decision:** none (planning did not run)");
        }

        if (report.Approval is { } approval)
        {
            string answer = approval.Approved switch
            {
                true => $"approved by {approval.Approver ?? "(unknown)"}" + (approval.AnsweredAt is { } at ? $" at {Time(at)}" : string.Empty),
                false => $"denied by {approval.Approver ?? "(unknown)"}" + (approval.Reason is { } why ? $": {Inline(why)}" : string.Empty),
                null => "requested" + (approval.RequestedAt is { } asked ? $" at {Time(asked)}" : string.Empty) + ", no answer recorded",
            };
            md.AppendLine(invariant, $"- **Approval:** {answer}");
        }

        md.AppendLine();
    }

    private static void Changed(StringBuilder md, IncidentReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine("## Change");
        md.AppendLine();
        if (report.Change is { } change)
        {
            md.AppendLine($"Applied {Inline(change.Summary)}" + (change.AppliedAt is { } at ? $" at {Time(at)}" : string.Empty)
                + (change.ApprovedBy is { } approver ? $", approved by {approver}" : ", no approval needed") + ".");
            md.AppendLine();
            md.AppendLine($"Patch `{change.PatchHash}`" + (change.Request is { } request ? $", sent as `{request}`" : string.Empty) + (change.EventId is { } id ? $"; event {id}" : string.Empty) + ".");
            if (change.FoundInPlace)
            {
                md.AppendLine();
                md.AppendLine("An earlier attempt applied it and stopped before recording it; a retry found the target carrying the change and did not write again.");
            }

            Diff(md, change.Changes);
        }
        else
        {
            md.AppendLine("Nothing was applied to the cluster.");
            if (report.Plan is { Changes.Count: > 0 } plan)
            {
                md.AppendLine();
                md.AppendLine("Planned (dry run only, not applied):");
                Diff(md, plan.Changes);
            }
        }

        md.AppendLine();
    }

    private static void Diff(StringBuilder md, IReadOnlyList<ReportFieldChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine();
        md.AppendLine("```diff");
        foreach (var change in changes)
        {
            md.AppendLine(invariant, $"- {change.Field}: {Line(change.Before)}");
            md.AppendLine(invariant, $"+ {change.Field}: {Line(change.After)}");
        }

        md.AppendLine("```");
    }

    private static void Row(StringBuilder md, string name, string value) => md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(value)} |");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Line(string text) => text.ReplaceLineEndings(" ");

    private static string Inline(string text) => text.ReplaceLineEndings(" ");

    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
