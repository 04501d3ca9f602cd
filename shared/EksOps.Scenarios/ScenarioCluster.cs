using EksOps.Incidents;

namespace EksOps.Scenarios;

/// <summary>The EKS cluster a scenario happens in (<c>cluster:</c> in <c>scenario.yaml</c>).</summary>
public sealed record ScenarioCluster
{
    /// <summary>The EKS cluster name (<c>name:</c>), as in the alarm's <c>ClusterName</c> dimensions.</summary>
    public required string Name { get; init; }

    /// <summary>The AWS Region (<c>region:</c>), for example <c>ap-northeast-2</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The 12-digit AWS account id (<c>accountId:</c>).</summary>
    public required string AccountId { get; init; }

    /// <summary>What the cluster is used for (<c>environment:</c>); it selects the approval policy (<see cref="DefaultPolicy"/>).</summary>
    public required ClusterEnvironment Environment { get; init; }
}
