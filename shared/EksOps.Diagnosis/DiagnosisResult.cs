using EksOps.Incidents;

namespace EksOps.Diagnosis;

/// <summary>
/// What a diagnosis concluded and why: the root cause with its confidence, the subject, the ranked hypotheses, the
/// analyzers' findings, the proposal with its approval answer, a summary, the evidence read and the budget used.
/// </summary>
/// <remarks>
/// A model path takes <see cref="Digest"/> as its input and may replace the decision with
/// <see cref="DecidedByModel"/>; the deterministic hypotheses, findings and evidence stay, and
/// <see cref="DecidedBy"/> and <see cref="DecisionReason"/> record which path decided and why.
/// </remarks>
public sealed record DiagnosisResult
{
    /// <summary>The alarm diagnosed.</summary>
    public required string AlarmName { get; init; }

    /// <summary>The cluster investigated.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The cluster's environment, which selects the approval policy.</summary>
    public required ClusterEnvironment Environment { get; init; }

    /// <summary>The root cause decided.</summary>
    public required RootCause RootCause { get; init; }

    /// <summary>How strongly the evidence supports <see cref="RootCause"/>, from 0 to 1.</summary>
    public required double Confidence { get; init; }

    /// <summary>The object the incident is about; remediations act on it. A <c>Cluster</c> reference when nothing could be tied down.</summary>
    public required ObjectRef Subject { get; init; }

    /// <summary>Where the alarm pointed before the evidence was read (for example the Service behind a target group).</summary>
    public required ObjectRef AlarmSubject { get; init; }

    /// <summary>Every hypothesis considered, most likely first.</summary>
    public required IReadOnlyList<Hypothesis> Hypotheses { get; init; }

    /// <summary>Every analyzer finding.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The proposed remediation (<see cref="RunbookId.Escalate"/> when nothing in the catalogue can help).</summary>
    public required RemediationProposal Proposal { get; init; }

    /// <summary>Whether the default policy makes a human approve <see cref="Proposal"/> first.</summary>
    public bool ApprovalRequired => Proposal.ApprovalRequired;

    /// <summary>A few sentences for the human on call, citing findings and evidence by id.</summary>
    public required string Summary { get; init; }

    /// <summary>Which path decided.</summary>
    public DecisionPath DecidedBy { get; init; } = DecisionPath.Deterministic;

    /// <summary>Why that path decided (for example "confidence 0.9 above the model threshold").</summary>
    public required string DecisionReason { get; init; }

    /// <summary>Every read made through the tool registry.</summary>
    public required IReadOnlyList<EvidenceRecord> Evidence { get; init; }

    /// <summary>What was used of the evidence budget.</summary>
    public required BudgetUsage Budget { get; init; }

    /// <summary>
    /// The evidence digest as compact JSON: the alarm, the subject, the findings, the hypotheses and the proposal, small
    /// enough for a model's input. Not redacted here: the model path redacts and caps it before it leaves the process.
    /// </summary>
    public required string Digest { get; init; }

    /// <summary>The same diagnosis with a model's decision in place of the deterministic one.</summary>
    /// <param name="rootCause">The model's root cause, already validated against the taxonomy and the evidence.</param>
    /// <param name="subject">The model's subject.</param>
    /// <param name="proposal">The model's proposal, with the default policy's approval answer.</param>
    /// <param name="confidence">The confidence to report.</param>
    /// <param name="summary">The model's rationale, as the summary.</param>
    /// <param name="reason">Why the model decided (for example "deterministic confidence 0.3 below the threshold 0.6").</param>
    /// <returns>The overridden diagnosis.</returns>
    public DiagnosisResult DecidedByModel(RootCause rootCause, ObjectRef subject, RemediationProposal proposal, double confidence, string summary, string reason) =>
        this with
        {
            RootCause = rootCause,
            Subject = subject,
            Proposal = proposal,
            Confidence = confidence,
            Summary = summary,
            DecidedBy = DecisionPath.Model,
            DecisionReason = reason,
        };
}
