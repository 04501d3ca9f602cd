namespace EksOps.IncidentFlow;

/// <summary>The remediation the analysis proposed.</summary>
public sealed record ReportProposal
{
    /// <summary>The runbook (<c>escalate</c> when nothing in the catalogue can help).</summary>
    public required string Runbook { get; init; }

    /// <summary>What it acts on (<c>Kind namespace/name</c>), when anything.</summary>
    public string? Target { get; init; }

    /// <summary>Why it fits the cause.</summary>
    public string? Rationale { get; init; }
}
