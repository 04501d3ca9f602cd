using EksOps.Diagnosis;
using EksOps.Incidents;

namespace EksOps.Cli;

/// <summary>One scenario's diagnosis graded against its <c>expect:</c> block.</summary>
internal sealed record ScenarioEvaluation
{
    public required string Id { get; init; }

    /// <summary>The expected root cause; <see langword="null"/> when the scenario has no <c>expect:</c>.</summary>
    public RootCause? ExpectedRootCause { get; init; }

    public required RootCause RootCause { get; init; }

    public required string ExpectedSubject { get; init; }

    public required ObjectRef Subject { get; init; }

    public required bool SubjectMatch { get; init; }

    public required RunbookId Remediation { get; init; }

    /// <summary>The proposal is one of the allowed remediations and none of the forbidden ones.</summary>
    public required bool RemediationOk { get; init; }

    /// <summary>The proposal is one of the forbidden remediations.</summary>
    public required bool RemediationForbidden { get; init; }

    public required bool ApprovalRequired { get; init; }

    public required bool ApprovalAsExpected { get; init; }

    public required bool Pass { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The full diagnosis; <see langword="null"/> when the scenario could not be served or diagnosed.</summary>
    public DiagnosisResult? Result { get; init; }

    /// <summary>Why the scenario could not be evaluated, if it could not.</summary>
    public string? Error { get; init; }

    public bool RootCauseMatch => ExpectedRootCause == RootCause;
}
