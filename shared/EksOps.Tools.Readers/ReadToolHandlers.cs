using EksOps.Aws.Http;

namespace EksOps.Tools.Readers;

/// <summary>Binds the read tool bodies of this library into a <see cref="ToolRegistryBuilder"/>.</summary>
public static class ReadToolHandlers
{
    /// <summary>The Kubernetes tools this library implements.</summary>
    public static IReadOnlyList<string> KubernetesTools { get; } = ["get_pod_logs", "get_k8s_events", "list_k8s_resources", "get_k8s_resource"];

    /// <summary>The CloudWatch tools this library implements.</summary>
    public static IReadOnlyList<string> CloudWatchTools { get; } = ["get_cloudwatch_metrics", "get_alarm", "query_cloudwatch_logs"];

    /// <summary>Every tool this library implements.</summary>
    public static IReadOnlyList<string> Implemented { get; } = [.. KubernetesTools, .. CloudWatchTools];

    /// <summary>Binds every implemented read tool.</summary>
    /// <param name="builder">The registry builder, with the definitions added.</param>
    /// <param name="kubernetes">The Kubernetes clients per cluster.</param>
    /// <param name="aws">
    /// The AWS pipeline for a cluster (its Region; assuming the cluster's role is the caller's concern);
    /// <see langword="null"/> binds only the Kubernetes tools.
    /// </param>
    /// <param name="time">The clock for relative time ranges; the system clock by default.</param>
    /// <returns>The builder.</returns>
    public static ToolRegistryBuilder BindAll(
        ToolRegistryBuilder builder, IKubernetesClientFactory kubernetes, Func<ClusterInfo, AwsHttpPipeline>? aws = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(kubernetes);
        var resources = new K8sResourceTools(kubernetes);
        builder
            .Bind("get_pod_logs", new PodLogsTool(kubernetes))
            .Bind("get_k8s_events", new K8sEventsTool(kubernetes, time))
            .Bind("list_k8s_resources", resources.List)
            .Bind("get_k8s_resource", resources.Get);
        if (aws is not null)
        {
            builder
                .Bind("get_cloudwatch_metrics", new CloudWatchMetricsTool(aws, time))
                .Bind("get_alarm", new GetAlarmTool(aws))
                .Bind("query_cloudwatch_logs", new QueryCloudWatchLogsTool(aws, time));
        }

        return builder;
    }
}
