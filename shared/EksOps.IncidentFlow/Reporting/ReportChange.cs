namespace EksOps.IncidentFlow;

/// <summary>The change applied to the cluster: the diff, when, and on whose approval.</summary>
public sealed record ReportChange
{
    /// <summary>The change in one line.</summary>
    public required string Summary { get; init; }

    /// <summary>The target (<c>Kind/name</c>).</summary>
    public required string Target { get; init; }

    /// <summary>The target's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The hash of the applied patch.</summary>
    public required string PatchHash { get; init; }

    /// <summary>The request sent (<c>PATCH …</c>).</summary>
    public string? Request { get; init; }

    /// <summary>Each field changed, before → after as the API server answered.</summary>
    public IReadOnlyList<ReportFieldChange> Changes { get; init; } = [];

    /// <summary>When it was applied.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>Who approved it; <see langword="null"/> when the policy needed no approval.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>The <c>Remediation Applied</c> event.</summary>
    public string? EventId { get; init; }

    /// <summary>Whether an attempt found the change already in place after an earlier attempt died before recording it.</summary>
    public bool FoundInPlace { get; init; }
}
