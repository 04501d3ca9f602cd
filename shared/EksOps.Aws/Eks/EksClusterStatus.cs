namespace EksOps.Aws.Eks;

/// <summary>The status of an EKS cluster (<c>ClusterStatus</c> in the eks 2017-11-01 model).</summary>
public enum EksClusterStatus
{
    /// <summary>A status this library does not know; see <see cref="EksCluster.StatusText"/>.</summary>
    Unknown,

    /// <summary><c>CREATING</c>.</summary>
    Creating,

    /// <summary><c>ACTIVE</c>: the API server is serving.</summary>
    Active,

    /// <summary><c>DELETING</c>.</summary>
    Deleting,

    /// <summary><c>FAILED</c>.</summary>
    Failed,

    /// <summary><c>UPDATING</c>: the API server keeps serving.</summary>
    Updating,

    /// <summary><c>PENDING</c>.</summary>
    Pending,
}
