namespace EksOps.Tools;

/// <summary>The EMF metric and dimension names the registry records for every call.</summary>
public static class ToolMetricNames
{
    /// <summary>The dimension that names the tool.</summary>
    public const string ToolDimension = "Tool";

    /// <summary>Count, 1 per call.</summary>
    public const string Invocations = "ToolInvocations";

    /// <summary>Count, 1 per call that did not succeed (0 otherwise, so error rates can be computed).</summary>
    public const string Errors = "ToolErrors";

    /// <summary>Milliseconds from the registry receiving the call to the result being ready.</summary>
    public const string Latency = "ToolLatency";
}
