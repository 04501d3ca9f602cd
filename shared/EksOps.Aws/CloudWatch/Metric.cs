namespace EksOps.Aws.CloudWatch;

/// <summary>A CloudWatch metric: namespace, name and dimensions.</summary>
public sealed record Metric
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private IReadOnlyList<Dimension> _dimensions = [];

    /// <summary>The namespace, e.g. <c>ContainerInsights</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The metric name, e.g. <c>pod_cpu_utilization</c>.</summary>
    public string? MetricName { get; init; }

    /// <summary>The dimensions (at most 30).</summary>
    public IReadOnlyList<Dimension> Dimensions { get => _dimensions; init => _dimensions = value ?? []; }
}
