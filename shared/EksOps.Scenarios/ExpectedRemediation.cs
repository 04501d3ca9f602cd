using EksOps.Incidents;

namespace EksOps.Scenarios;

/// <summary>The proposals that are right and wrong for a scenario (<c>expect.remediation</c>).</summary>
public sealed record ExpectedRemediation
{
    /// <summary>Runbooks any of which is a correct proposal (<c>allowed:</c>); at least one.</summary>
    public required IReadOnlyList<RunbookId> Allowed { get; init; }

    /// <summary>Runbooks whose proposal fails the scenario (<c>forbidden:</c>); empty when not given.</summary>
    public required IReadOnlyList<RunbookId> Forbidden { get; init; }
}
