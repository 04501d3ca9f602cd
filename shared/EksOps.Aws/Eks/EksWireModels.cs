using System.Text.Json.Serialization;

namespace EksOps.Aws.Eks;

// Wire shapes of the eks 2017-11-01 model (REST-JSON). Member names are the model's (camelCase); timestamps in the
// body are epoch seconds (the context's default converter).

internal sealed class DescribeClusterOutput
{
    [JsonPropertyName("cluster")]
    public ClusterWire? Cluster { get; init; }
}

internal sealed class ClusterWire
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("arn")]
    public string? Arn { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("platformVersion")]
    public string? PlatformVersion { get; init; }

    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("roleArn")]
    public string? RoleArn { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("certificateAuthority")]
    public CertificateWire? CertificateAuthority { get; init; }

    [JsonPropertyName("identity")]
    public IdentityWire? Identity { get; init; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; init; }
}

internal sealed class CertificateWire
{
    [JsonPropertyName("data")]
    public string? Data { get; init; }
}

internal sealed class IdentityWire
{
    [JsonPropertyName("oidc")]
    public OidcWire? Oidc { get; init; }
}

internal sealed class OidcWire
{
    [JsonPropertyName("issuer")]
    public string? Issuer { get; init; }
}
