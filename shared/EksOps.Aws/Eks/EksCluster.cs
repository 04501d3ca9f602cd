using System.Text;

namespace EksOps.Aws.Eks;

/// <summary>What EksOps needs to know about an EKS cluster to talk to its Kubernetes API server.</summary>
public sealed record EksCluster
{
    /// <summary>The cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>The cluster ARN.</summary>
    public string? Arn { get; init; }

    /// <summary>
    /// The cluster id; set only for local clusters on AWS Outposts, whose tokens must name the id instead of the name
    /// (see <see cref="TokenClusterId"/>).
    /// </summary>
    public string? Id { get; init; }

    /// <summary>The Kubernetes API server, e.g. <c>https://ABC123.gr7.eu-west-1.eks.amazonaws.com</c>; null while creating.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The cluster's certificate authority as EKS returns it: base64 of a PEM certificate.</summary>
    public string? CertificateAuthorityData { get; init; }

    /// <summary>The status.</summary>
    public EksClusterStatus Status { get; init; }

    /// <summary>The status as the service spelled it.</summary>
    public string? StatusText { get; init; }

    /// <summary>The Kubernetes version, e.g. <c>1.32</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The EKS platform version, e.g. <c>eks.7</c>.</summary>
    public string? PlatformVersion { get; init; }

    /// <summary>When the cluster was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The cluster's IAM role.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The OIDC issuer URL (for IRSA), if any.</summary>
    public string? OidcIssuer { get; init; }

    /// <summary>The cluster's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>What the bearer token must carry in <c>x-k8s-aws-id</c>: <see cref="Id"/> for Outposts local clusters, else <see cref="Name"/>.</summary>
    public string TokenClusterId => string.IsNullOrEmpty(Id) ? Name : Id;

    /// <summary>The certificate authority as PEM text (decoded from <see cref="CertificateAuthorityData"/>).</summary>
    /// <returns>The PEM text.</returns>
    /// <exception cref="InvalidOperationException">The cluster has no certificate authority data yet.</exception>
    /// <exception cref="FormatException">The data is not base64.</exception>
    public string CertificateAuthorityPem() =>
        string.IsNullOrEmpty(CertificateAuthorityData)
            ? throw new InvalidOperationException($"EKS cluster {Name} has no certificate authority data (status {StatusText}).")
            : Encoding.UTF8.GetString(Convert.FromBase64String(CertificateAuthorityData));
}
