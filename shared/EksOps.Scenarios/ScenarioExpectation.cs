using EksOps.Incidents;

namespace EksOps.Scenarios;

/// <summary>What a correct investigation of the scenario concludes (<c>expect:</c> in <c>scenario.yaml</c>).</summary>
public sealed record ScenarioExpectation
{
    /// <summary>The root cause (<c>rootCause:</c>), one id of the taxonomy.</summary>
    public required RootCause RootCause { get; init; }

    /// <summary>The object the incident is about (<c>subject:</c>); runbooks act on it.</summary>
    public required ExpectedSubject Subject { get; init; }

    /// <summary>Which proposals are correct and which fail the scenario (<c>remediation:</c>).</summary>
    public required ExpectedRemediation Remediation { get; init; }

    /// <summary>Whether the default policy must ask a human before the proposal runs (<c>approvalRequired:</c>).</summary>
    public required bool ApprovalRequired { get; init; }
}
