namespace EksOps.Diagnosis.Agent;

/// <summary>
/// The structured answer parsed from the agent's final text (a fenced JSON object), before it is validated against
/// the taxonomy, the runbook catalogue and the evidence.
/// </summary>
public sealed record ModelAnswer
{
    /// <summary>The root-cause id as written, for example <c>oom-killed</c>.</summary>
    public required string RootCause { get; init; }

    /// <summary>The object the model says the incident is about.</summary>
    public required ObjectRef Subject { get; init; }

    /// <summary>The proposed remediation; <see langword="null"/> when the model proposed none (escalate).</summary>
    public ModelProposal? Proposal { get; init; }

    /// <summary>The model's explanation.</summary>
    public required string Rationale { get; init; }

    /// <summary>The evidence (<c>E…</c>) and finding (<c>F…</c>) ids the model cites.</summary>
    public required IReadOnlyList<string> EvidenceIds { get; init; }

    /// <summary>The model's own confidence from 0 to 1, if it gave one.</summary>
    public double? Confidence { get; init; }
}
