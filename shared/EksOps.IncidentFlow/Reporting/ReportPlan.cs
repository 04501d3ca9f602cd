namespace EksOps.IncidentFlow;

/// <summary>The plan: the exact change, its dry run, and the policy's decision with the reason.</summary>
public sealed record ReportPlan
{
    /// <summary><c>auto</c>, <c>approve</c> or <c>escalate</c> (<see cref="PlanDecisions"/>).</summary>
    public required string Decision { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>The change in one line, when one was planned.</summary>
    public string? Summary { get; init; }

    /// <summary>The hash of the canonical patch an approval binds to.</summary>
    public string? PatchHash { get; init; }

    /// <summary>The dry run's request line (<c>PATCH …?dryRun=All</c>).</summary>
    public string? DryRunRequest { get; init; }

    /// <summary>Each field the change sets, as the dry run answered.</summary>
    public IReadOnlyList<ReportFieldChange> Changes { get; init; } = [];

    /// <summary>Whether the change can be undone, and how or why not.</summary>
    public string? Rollback { get; init; }
}
