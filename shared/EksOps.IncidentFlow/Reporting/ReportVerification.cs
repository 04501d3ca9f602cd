namespace EksOps.IncidentFlow;

/// <summary>The check after the change.</summary>
public sealed record ReportVerification
{
    /// <summary><c>recovered</c>, <c>pending</c> or <c>failed</c> (<see cref="VerificationOutcomes"/>).</summary>
    public required string Outcome { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>The alarm's state when checked.</summary>
    public string? AlarmState { get; init; }

    /// <summary>The root cause's findings still present (<c>F2 OomKilled on Pod shop/cart-…</c>).</summary>
    public IReadOnlyList<string> FindingsStillPresent { get; init; } = [];
}
