using EksOps.Aws.Http;
using EksOps.Aws;
using k8s;

namespace EksOps.Tools.Readers;

/// <summary>
/// The Kubernetes clients of a deployment that mixes clusters: a cluster whose registry entry names a
/// <see cref="ClusterInfo.Kubeconfig"/> is reached through a <see cref="KubeconfigClientFactory"/>, every other one
/// through an <see cref="EksKubernetesClientFactory"/>. A fallback kubeconfig (local use: the simulated cluster's)
/// also serves the clusters that give neither a kubeconfig nor an endpoint of their own.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>variable</term><description>effect (<see cref="FromEnvironment"/>)</description></listheader>
/// <item><term><c>EKSOPS_KUBECONFIG</c></term><description>The fallback kubeconfig; unset in Lambda, where clusters go through EKS.</description></item>
/// <item><term><c>EKSOPS_ENDPOINT_EKS</c>, <c>EKSOPS_ENDPOINT_STS</c>, <c>EKSOPS_ENDPOINT</c></term><description>Endpoint overrides for DescribeCluster and AssumeRole (and the host the bearer tokens are presigned for).</description></item>
/// <item><term><c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>, container credentials</term><description>The function's own credentials, as AWSSDK.Core resolves them.</description></item>
/// </list>
/// </remarks>
public sealed class ClusterClientFactory : IKubernetesClientFactory, IDisposable
{
    /// <summary>The variable naming the fallback kubeconfig.</summary>
    public const string KubeconfigVariable = "EKSOPS_KUBECONFIG";

    private readonly bool _hasFallbackKubeconfig;
    private readonly KubeconfigClientFactory _kubeconfig;
    private readonly EksKubernetesClientFactory _eks;

    /// <summary>Creates the factory and the two it delegates to; it owns both.</summary>
    /// <param name="fallbackKubeconfig">The kubeconfig for clusters that name neither a kubeconfig nor an endpoint; null for none.</param>
    /// <param name="eksOptions">The EKS path's options; null for the defaults.</param>
    public ClusterClientFactory(string? fallbackKubeconfig = null, EksKubernetesClientOptions? eksOptions = null)
    {
        _hasFallbackKubeconfig = !string.IsNullOrWhiteSpace(fallbackKubeconfig);
        _kubeconfig = new KubeconfigClientFactory(_hasFallbackKubeconfig ? fallbackKubeconfig : null);
        _eks = new EksKubernetesClientFactory(eksOptions);
    }

    /// <summary>Creates the factory from <c>EKSOPS_KUBECONFIG</c> and the AWS variables (see the remarks).</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <param name="time">The clock tokens and assumed roles expire by; the system clock by default.</param>
    /// <returns>The factory.</returns>
    public static ClusterClientFactory FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? time = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        time ??= TimeProvider.System;
        return new ClusterClientFactory(
            getVariable(KubeconfigVariable),
            new EksKubernetesClientOptions { AwsOptions = _ => new AwsClientOptions { GetEnvironmentVariable = getVariable, TimeProvider = time } });
    }

    /// <inheritdoc/>
    public IKubernetes GetClient(ClusterInfo cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Kubeconfig is not null || (_hasFallbackKubeconfig && cluster.Endpoint is null)
            ? _kubeconfig.GetClient(cluster)
            : _eks.GetClient(cluster);
    }

    /// <inheritdoc cref="EksKubernetesClientFactory.AwsPipelineFor"/>
    public AwsHttpPipeline AwsPipelineFor(ClusterInfo cluster) => _eks.AwsPipelineFor(cluster);

    /// <summary>Disposes every client either path created.</summary>
    public void Dispose()
    {
        _kubeconfig.Dispose();
        _eks.Dispose();
    }
}
