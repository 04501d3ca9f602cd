namespace EksOps.Alarms;

/// <summary>
/// What an alarm's metrics say about the workload it watches: the Container Insights and ALB dimensions that name a
/// cluster, namespace, workload, node or target group. Used by <see cref="IncidentKeys.CorrelationKey(AlarmStateChange)"/>.
/// </summary>
internal static class AlarmWorkloads
{
    public const string ClusterName = "ClusterName";
    public const string Namespace = "Namespace";
    public const string Service = "Service";
    public const string PodName = "PodName";
    public const string NodeName = "NodeName";
    public const string TargetGroup = "TargetGroup";
    public const string LoadBalancer = "LoadBalancer";

    /// <summary>The dimension maps of every metric the alarm evaluates (metric math: all its metrics, returned or not).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Dimensions(AlarmStateChange change) =>
        change.Configuration.Metrics
            .Where(m => m.MetricStat is not null)
            .Select(m => m.MetricStat!.Dimensions);

    /// <summary>
    /// The workload one metric names, or <see langword="null"/>: <c>k8s:cluster/namespace/name</c> (name from
    /// <c>Service</c>, else <c>PodName</c>; a missing cluster or namespace is <c>-</c>), <c>k8s:cluster/node/name</c>
    /// (<c>NodeName</c>), or <c>alb:target group</c> (else <c>alb:load balancer</c>).
    /// </summary>
    public static string? Workload(IReadOnlyDictionary<string, string> dimensions)
    {
        var cluster = Value(dimensions, ClusterName) ?? "-";
        if ((Value(dimensions, Service) ?? Value(dimensions, PodName)) is { } name)
        {
            return $"k8s:{cluster}/{Value(dimensions, Namespace) ?? "-"}/{name}";
        }

        if (Value(dimensions, NodeName) is { } node)
        {
            return $"k8s:{cluster}/node/{node}";
        }

        return (Value(dimensions, TargetGroup) ?? Value(dimensions, LoadBalancer)) is { } balancer ? "alb:" + balancer : null;
    }

    private static string? Value(IReadOnlyDictionary<string, string> dimensions, string name) =>
        dimensions.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
