namespace EksOps.IncidentFlow;

/// <summary>What the diagnosis read: how much, what failed, and whether the budget stopped it.</summary>
public sealed record ReportEvidence
{
    /// <summary>Reads made through the tool registry.</summary>
    public required int Reads { get; init; }

    /// <summary>Reads that did not succeed.</summary>
    public required int FailedReads { get; init; }

    /// <summary>Bytes of tool results read.</summary>
    public long Bytes { get; init; }

    /// <summary>Reads skipped because a budget limit was reached.</summary>
    public int Skipped { get; init; }

    /// <summary>The limit that stopped collection (<c>calls</c>, <c>bytes</c>, <c>time</c>), if any.</summary>
    public string? ExhaustedBy { get; init; }

    /// <summary>The failed reads as <c>E3 get_pod_logs (purpose): outcome</c>, at most twenty.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];
}
