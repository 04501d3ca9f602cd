namespace EksOps.Aws.Eks;

/// <summary>
/// A bearer token for an EKS cluster's Kubernetes API server: <c>k8s-aws-v1.</c> followed by the unpadded base64url
/// of a presigned STS <c>GetCallerIdentity</c> URL. Send it as <c>Authorization: Bearer &lt;Value&gt;</c>.
/// </summary>
/// <remarks><see cref="ToString"/> does not show the token: it is a credential.</remarks>
public sealed class EksToken
{
    internal EksToken(string value, string clusterId, DateTimeOffset signedAt, DateTimeOffset expiresAt)
    {
        Value = value;
        ClusterId = clusterId;
        SignedAt = signedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The token, <c>k8s-aws-v1.…</c>.</summary>
    public string Value { get; }

    /// <summary>The cluster name (or Outposts cluster id) the token was signed for, the <c>x-k8s-aws-id</c> header.</summary>
    public string ClusterId { get; }

    /// <summary>The presigned URL's <c>X-Amz-Date</c>.</summary>
    public DateTimeOffset SignedAt { get; }

    /// <summary>
    /// When the API server stops accepting the token: 15 minutes after <see cref="SignedAt"/> (the authenticator's
    /// rule, whatever <c>X-Amz-Expires</c> says), or earlier if the temporary credentials it was signed with expire first.
    /// </summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <inheritdoc/>
    public override string ToString() => $"EKS token for {ClusterId}, signed {SignedAt:O}, expires {ExpiresAt:O}";
}
