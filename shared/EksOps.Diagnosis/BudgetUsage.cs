namespace EksOps.Diagnosis;

/// <summary>What one diagnosis used of its <see cref="DiagnosisBudget"/>.</summary>
public sealed record BudgetUsage
{
    /// <summary>The budget that applied.</summary>
    public required DiagnosisBudget Budget { get; init; }

    /// <summary>Tool calls made.</summary>
    public required int Calls { get; init; }

    /// <summary>Bytes of tool results read.</summary>
    public required long Bytes { get; init; }

    /// <summary>Wall time of evidence collection.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Reads that were skipped because a limit was reached.</summary>
    public required int Skipped { get; init; }

    /// <summary>The limit that stopped collection (<c>calls</c>, <c>bytes</c> or <c>time</c>); <see langword="null"/> when none did.</summary>
    public string? ExhaustedBy { get; init; }
}
