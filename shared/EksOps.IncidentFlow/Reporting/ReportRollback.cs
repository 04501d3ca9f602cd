namespace EksOps.IncidentFlow;

/// <summary>The rollback after a failed verification.</summary>
public sealed record ReportRollback
{
    /// <summary>Whether the change was undone.</summary>
    public required bool RolledBack { get; init; }

    /// <summary>How, or why not.</summary>
    public required string Reason { get; init; }

    /// <summary>The inverse patch (JSON), applied or for a human to apply.</summary>
    public string? Patch { get; init; }
}
