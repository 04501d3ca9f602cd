using EksOps.Incidents;

namespace EksOps.Diagnosis;

/// <summary>A runbook from the catalogue proposed for the subject, with the default policy's approval answer.</summary>
public sealed record RemediationProposal
{
    /// <summary>The runbook.</summary>
    public required RunbookId Runbook { get; init; }

    /// <summary>What it acts on; <see langword="null"/> for <see cref="RunbookId.Escalate"/>, which acts on nothing.</summary>
    public ObjectRef? Target { get; init; }

    /// <summary>Whether the default policy makes a human approve it before it runs in this cluster's environment.</summary>
    public required bool ApprovalRequired { get; init; }

    /// <summary>Why it fits the cause.</summary>
    public required string Rationale { get; init; }
}
