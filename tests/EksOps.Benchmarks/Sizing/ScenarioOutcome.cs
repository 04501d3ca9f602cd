namespace EksOps.Benchmarks.Sizing;

/// <summary>How one scenario's incident went through the function processes (and, when checked, in-process).</summary>
internal sealed record ScenarioOutcome
{
    public required string Scenario { get; init; }

    /// <summary>The incident AlarmIngest opened; null when it opened none.</summary>
    public string? IncidentId { get; init; }

    /// <summary>The pass over the corpus, from 1.</summary>
    public int Round { get; init; } = 1;

    /// <summary>The execution's status (<c>SUCCEEDED</c>, …), or <c>not started</c>.</summary>
    public required string Execution { get; init; }

    /// <summary>The states entered, in order.</summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary>The root cause the incident record holds.</summary>
    public string? RootCause { get; init; }

    /// <summary>The root cause the scenario expects.</summary>
    public string? ExpectedRootCause { get; init; }

    /// <summary>The incident's final status.</summary>
    public string? IncidentStatus { get; init; }

    /// <summary>How many tool reads the diagnose step made (its evidence budget's <c>calls</c>).</summary>
    public int? DiagnosisReads { get; init; }

    /// <summary>AlarmIngest → the execution's end, seconds.</summary>
    public double FlowSeconds { get; init; }

    /// <summary>The states the in-process replay of the unshifted scenario entered (null when not checked).</summary>
    public IReadOnlyList<string>? InProcessPath { get; init; }

    /// <summary>The root cause of the in-process replay (null when not checked).</summary>
    public string? InProcessRootCause { get; init; }

    /// <summary>What went wrong, when something did.</summary>
    public string? Failure { get; init; }

    /// <summary>Whether the process flow took the in-process replay's path to its root cause; null when not checked.</summary>
    public bool? MatchesInProcess => InProcessPath is null ? null : InProcessPath.SequenceEqual(Path) && InProcessRootCause == RootCause;
}
