namespace EksOps.IncidentFlow;

/// <summary>One analyzer finding of the diagnosis.</summary>
public sealed record ReportFinding
{
    /// <summary>The finding's id (<c>F1</c>…), which hypotheses and summaries cite.</summary>
    public required string Id { get; init; }

    /// <summary>The analyzer that found it.</summary>
    public required string Analyzer { get; init; }

    /// <summary>What was observed (a <c>FindingKind</c> name, for example <c>OomKilled</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The object it is about (<c>Kind namespace/name</c>).</summary>
    public required string About { get; init; }

    /// <summary>One sentence a human can check.</summary>
    public required string Message { get; init; }

    /// <summary>Whether it supports the decided root cause.</summary>
    public bool Supporting { get; init; }

    /// <summary>The evidence records it rests on.</summary>
    public IReadOnlyList<string> EvidenceIds { get; init; } = [];
}
