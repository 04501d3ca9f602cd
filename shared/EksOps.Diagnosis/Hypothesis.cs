using EksOps.Incidents;

namespace EksOps.Diagnosis;

/// <summary>One candidate root cause with how strongly the findings support it.</summary>
public sealed record Hypothesis
{
    /// <summary>The root cause (taxonomy id through <see cref="RootCauses.Id(RootCause)"/>).</summary>
    public required RootCause RootCause { get; init; }

    /// <summary>How strongly the evidence supports it, from 0 to 1.</summary>
    public required double Confidence { get; init; }

    /// <summary>The object this cause is about (where a remediation would act).</summary>
    public required ObjectRef Subject { get; init; }

    /// <summary>Why, in one sentence.</summary>
    public required string Rationale { get; init; }

    /// <summary>The findings (<see cref="Finding.Id"/>) it rests on.</summary>
    public required IReadOnlyList<string> FindingIds { get; init; }
}
