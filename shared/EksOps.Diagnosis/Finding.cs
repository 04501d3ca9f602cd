namespace EksOps.Diagnosis;

/// <summary>One typed observation of a deterministic analyzer, with the evidence it rests on.</summary>
public sealed record Finding
{
    /// <summary>The finding's id within one diagnosis, <c>F1</c>, <c>F2</c>…, which hypotheses and the summary cite.</summary>
    public required string Id { get; init; }

    /// <summary>The analyzer that produced it, for example <c>pod-status</c>.</summary>
    public required string Analyzer { get; init; }

    /// <summary>What was observed.</summary>
    public required FindingKind Kind { get; init; }

    /// <summary>The object the observation is about.</summary>
    public required ObjectRef About { get; init; }

    /// <summary>One sentence a human can check against the evidence.</summary>
    public required string Message { get; init; }

    /// <summary>The evidence records (<see cref="EvidenceRecord.Id"/>) that show it.</summary>
    public required IReadOnlyList<string> EvidenceIds { get; init; }

    /// <summary>Named details (a container, an exit code, a host, a quota), for rules that need more than the kind.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
