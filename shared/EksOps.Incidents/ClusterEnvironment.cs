namespace EksOps.Incidents;

/// <summary>
/// What a cluster is used for; it selects the approval policy (<see cref="DefaultPolicy"/>). The lowercase id
/// (<see cref="ClusterEnvironments.Id(ClusterEnvironment)"/>) is the form scenarios and configuration use.
/// </summary>
public enum ClusterEnvironment
{
    /// <summary><c>production</c>: every write needs approval.</summary>
    Production,

    /// <summary><c>staging</c>: low-risk writes (restart, scale, raise HPA max, delete a pod) run without approval.</summary>
    Staging,

    /// <summary><c>development</c>: every write except <c>drain-node</c> runs without approval.</summary>
    Development,
}
