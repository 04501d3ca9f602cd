using EksOps.Aws;

namespace EksOps.Tools.Readers;

/// <summary>How an <see cref="EksKubernetesClientFactory"/> reaches AWS and the clusters' API servers.</summary>
public sealed class EksKubernetesClientOptions
{
    /// <summary>
    /// Makes the AWS client options for a Region: endpoints, clock, transport, explicit credentials. Called once per
    /// AWS pipeline the factory creates, and must return a new instance each time (the pipeline owns its transport);
    /// the factory then sets <see cref="AwsClientOptions.Region"/> to the cluster's Region and, for a cluster with a
    /// role, <see cref="AwsClientOptions.Credentials"/> to the assumed role's. Null: default options, that is the
    /// function's own credentials (environment or container, as AWSSDK.Core resolves them) and endpoints from
    /// <c>EKSOPS_ENDPOINT_EKS</c>, <c>EKSOPS_ENDPOINT_STS</c> or <c>EKSOPS_ENDPOINT</c> when set.
    /// </summary>
    public Func<string, AwsClientOptions>? AwsOptions { get; set; }

    /// <summary>How long before a bearer token expires a new one is signed; default 1 minute (tokens live 15).</summary>
    public TimeSpan TokenRefreshBefore { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long before assumed-role credentials expire the role is assumed again; default 5 minutes.</summary>
    public TimeSpan RoleRefreshBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The session name roles are assumed with; it shows in CloudTrail and in the Kubernetes user name EKS maps the
    /// role to. Default <c>eksops</c>.
    /// </summary>
    public string RoleSessionName { get; set; } = "eksops";

    /// <summary>How long one Kubernetes API request may take; default 30 seconds, well inside a Lambda invocation.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
