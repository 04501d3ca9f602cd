namespace EksOps.Aws.CloudWatch;

/// <summary>The order datapoints or history items come back in.</summary>
public enum ScanBy
{
    /// <summary>Newest first (the service's default).</summary>
    TimestampDescending,

    /// <summary>Oldest first.</summary>
    TimestampAscending,
}
