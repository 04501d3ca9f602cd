using System.Text.Json;
using EksOps.Aws.Http;
using EksOps.Aws.Serialization;

namespace EksOps.Aws.Eks;

/// <summary>Amazon EKS (<c>eks</c>, 2017-11-01, REST-JSON): <c>DescribeCluster</c>.</summary>
/// <remarks>IAM: <c>eks:DescribeCluster</c>.</remarks>
public sealed class EksClient
{
    private readonly AwsHttpPipeline _pipeline;

    /// <summary>Creates the client on a shared pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public EksClient(AwsHttpPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <summary>Reads a cluster: API server endpoint, certificate authority, status, version, ARN.</summary>
    /// <param name="name">The cluster name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cluster.</returns>
    /// <exception cref="AwsServiceException">EKS answered with an error (e.g. <c>ResourceNotFoundException</c>).</exception>
    /// <exception cref="JsonException">The response is not the expected JSON.</exception>
    public async Task<EksCluster> DescribeClusterAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var response = await _pipeline.SendAsync(
            new AwsOperation("eks", "eks", "DescribeCluster"),
            endpoint => new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "clusters/" + Uri.EscapeDataString(name))),
            cancellationToken).ConfigureAwait(false);

        DescribeClusterOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(response.Body.Span, AwsJsonContext.Default.DescribeClusterOutput);
        }
        catch (JsonException ex)
        {
            throw new JsonException($"eks DescribeCluster: the response is not the expected JSON: {ex.Message}", ex);
        }

        var cluster = output?.Cluster ?? throw new JsonException("eks DescribeCluster: the response has no cluster.");
        return new EksCluster
        {
            Name = cluster.Name ?? name,
            Arn = cluster.Arn,
            Id = cluster.Id,
            Endpoint = Uri.TryCreate(cluster.Endpoint, UriKind.Absolute, out var endpoint) ? endpoint : null,
            CertificateAuthorityData = cluster.CertificateAuthority?.Data,
            Status = ParseStatus(cluster.Status),
            StatusText = cluster.Status,
            Version = cluster.Version,
            PlatformVersion = cluster.PlatformVersion,
            CreatedAt = cluster.CreatedAt,
            RoleArn = cluster.RoleArn,
            OidcIssuer = cluster.Identity?.Oidc?.Issuer,
            Tags = cluster.Tags ?? new Dictionary<string, string>(),
        };
    }

    internal static EksClusterStatus ParseStatus(string? status) => status switch
    {
        "CREATING" => EksClusterStatus.Creating,
        "ACTIVE" => EksClusterStatus.Active,
        "DELETING" => EksClusterStatus.Deleting,
        "FAILED" => EksClusterStatus.Failed,
        "UPDATING" => EksClusterStatus.Updating,
        "PENDING" => EksClusterStatus.Pending,
        _ => EksClusterStatus.Unknown,
    };
}
