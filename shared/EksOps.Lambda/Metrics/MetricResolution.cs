namespace EksOps.Lambda;

/// <summary>The storage resolution of a metric (EMF <c>StorageResolution</c>).</summary>
public enum MetricResolution
{
    /// <summary>One-minute resolution (60), CloudWatch's default.</summary>
    Standard = 60,

    /// <summary>One-second resolution (1), billed as a high-resolution metric.</summary>
    High = 1,
}
