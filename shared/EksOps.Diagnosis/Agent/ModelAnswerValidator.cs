using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Diagnosis.Internal;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// Checks a model's answer before it may replace the deterministic decision: the root cause is in the taxonomy, the
/// subject is an object the evidence or the agent's own tool calls showed, every cited id exists (and a conclusion
/// cites at least one), the runbook is in the catalogue, acts on the subject and can help against the cause.
/// </summary>
internal static class ModelAnswerValidator
{
    /// <summary>A validated decision, ready for <see cref="DiagnosisResult.DecidedByModel"/>.</summary>
    public sealed record Decision(RootCause RootCause, ObjectRef Subject, RemediationProposal Proposal, double Confidence, string Summary);

    /// <summary>Validates <paramref name="answer"/>: null and the decision when it can be used, else the first problem found.</summary>
    /// <param name="answer">The parsed answer.</param>
    /// <param name="deterministic">The deterministic diagnosis: its evidence, findings and environment.</param>
    /// <param name="seenByAgent">The objects the agent's tool calls returned.</param>
    /// <param name="decision">The decision, when valid.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Validate(ModelAnswer answer, DiagnosisResult deterministic, IReadOnlySet<ObjectRef> seenByAgent, out Decision? decision)
    {
        decision = null;
        if (!RootCauses.TryParse(answer.RootCause, out var cause))
        {
            return $"root cause \"{answer.RootCause}\" is not in the taxonomy";
        }

        var subject = answer.Subject;
        if (!Seen(deterministic, seenByAgent).Contains(subject))
        {
            return $"subject {subject} was not seen in the evidence or in the agent's tool results";
        }

        var known = deterministic.Evidence.Select(e => e.Id).Concat(deterministic.Findings.Select(f => f.Id)).ToHashSet(StringComparer.Ordinal);
        if (answer.EvidenceIds.FirstOrDefault(id => !known.Contains(id)) is { } unknownId)
        {
            return $"cited evidence \"{unknownId}\" does not exist";
        }

        if (cause != RootCause.Unknown && answer.EvidenceIds.Count == 0)
        {
            return $"the answer concludes {cause.Id()} but cites no evidence";
        }

        var runbook = RunbookId.Escalate;
        if (answer.Proposal is { } proposed && !Runbooks.TryParse(proposed.Runbook, out runbook))
        {
            return $"runbook \"{proposed.Runbook}\" is not in the catalogue";
        }

        var target = runbook == RunbookId.Escalate ? null : answer.Proposal?.Target ?? subject;
        if (target is not null)
        {
            if (target != subject)
            {
                return $"{runbook.Id()} targets {target}, not the subject {subject}";
            }

            if (!runbook.Targets(target.Kind))
            {
                return $"{runbook.Id()} cannot act on a {target.Kind}";
            }
        }

        var regression = deterministic.Findings.Any(f => f.Kind == FindingKind.RolloutRegression && f.About == subject);
        if (RemediationFit.Why(cause, runbook, regression) is not { } why)
        {
            return $"{runbook.Id()} cannot help against {cause.Id()}";
        }

        var confidence = answer.Confidence
            ?? deterministic.Hypotheses.FirstOrDefault(h => h.RootCause == cause && h.Subject == subject)?.Confidence
            ?? 0.5;
        var proposal = new RemediationProposal
        {
            Runbook = runbook,
            Target = target,
            ApprovalRequired = DefaultPolicy.RequiresApproval(deterministic.Environment, runbook),
            Rationale = $"proposed by the Bedrock agent: {why}",
        };
        decision = new Decision(cause, subject, proposal, confidence, Summary(deterministic, cause, subject, confidence, answer, proposal));
        return null;
    }

    /// <summary>Every object the diagnosis knows exists: subjects, findings' objects, objects read successfully, and what the agent's tools returned.</summary>
    private static HashSet<ObjectRef> Seen(DiagnosisResult deterministic, IReadOnlySet<ObjectRef> seenByAgent)
    {
        var seen = new HashSet<ObjectRef>(seenByAgent)
        {
            deterministic.Subject,
            deterministic.AlarmSubject,
            ObjectRef.Cluster(deterministic.ClusterName),
        };
        seen.UnionWith(deterministic.Hypotheses.Select(h => h.Subject));
        seen.UnionWith(deterministic.Findings.Select(f => f.About));
        foreach (var record in deterministic.Evidence.Where(e => e.Tool == ToolCatalog.GetK8sResource.Name && e.Outcome == nameof(ToolOutcome.Success)))
        {
            var arguments = JsonNode.Parse(record.Arguments);
            if (JsonFields.Str(arguments, "kind") is { } kind && JsonFields.Str(arguments, "name") is { } name)
            {
                seen.Add(new ObjectRef(kind, JsonFields.Str(arguments, "namespace"), name));
            }
        }

        return seen;
    }

    private static string Summary(DiagnosisResult deterministic, RootCause cause, ObjectRef subject, double confidence, ModelAnswer answer, RemediationProposal proposal)
    {
        var invariant = CultureInfo.InvariantCulture;
        var cited = answer.EvidenceIds.Count == 0 ? string.Empty : $" Evidence: {string.Join(", ", answer.EvidenceIds)}.";
        var target = proposal.Target is { } on ? " on " + on : string.Empty;
        // The rationale is the model's own text: it reaches reports, so it is redacted like every tool result.
        return SecretRedactor.Redact(string.Create(invariant,
            $"Alarm {deterministic.AlarmName}: {cause.Id()} on {subject} (decided by the Bedrock agent, confidence {confidence:0.00}). {answer.Rationale.TrimEnd()}{cited} "
            + $"Proposal: {proposal.Runbook.Id()}{target}, {(proposal.ApprovalRequired ? "needs approval" : "no approval needed")}. "
            + $"The deterministic analyst had {deterministic.RootCause.Id()} on {deterministic.Subject} ({deterministic.Confidence:0.00})."));
    }
}
