using EksOps.Incidents;

namespace EksOps.Tools;

/// <summary>One cluster a deployment serves: where it is, how to reach it, what it is used for and which namespaces tools may touch.</summary>
public sealed record ClusterInfo
{
    /// <summary>The EKS cluster name (as in alarms' <c>ClusterName</c> dimension).</summary>
    public required string Name { get; init; }

    /// <summary>The AWS Region, for example <c>ap-northeast-2</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The 12-digit AWS account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>What the cluster is used for; it selects the approval policy.</summary>
    public required ClusterEnvironment Environment { get; init; }

    /// <summary>A role to assume for this cluster (cross-account or least privilege); <see langword="null"/> to use the function's own role.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Namespaces tools may touch (exact names, <c>prefix-*</c>, or <c>*</c>); empty means every namespace not denied.</summary>
    public IReadOnlyList<string> AllowedNamespaces { get; init; } = [];

    /// <summary>Namespaces tools may never touch (exact names, <c>prefix-*</c>); a deny always wins over an allow.</summary>
    public IReadOnlyList<string> DeniedNamespaces { get; init; } = [];

    /// <summary>A Kubernetes API endpoint to use instead of DescribeCluster's (local and test use).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Base64 PEM of the CA that signs <see cref="Endpoint"/>'s certificate, as kubeconfig's <c>certificate-authority-data</c>.</summary>
    public string? CertificateAuthorityData { get; init; }

    /// <summary>A kubeconfig file to reach the cluster with instead of EKS (local use: the simulated cluster's, or a real one).</summary>
    public string? Kubeconfig { get; init; }
}
