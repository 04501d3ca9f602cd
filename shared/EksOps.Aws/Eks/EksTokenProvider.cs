using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using EksOps.Aws.Http;

namespace EksOps.Aws.Eks;

/// <summary>
/// Makes EKS bearer tokens the way <c>aws eks get-token</c> and aws-iam-authenticator do, and caches one per cluster
/// until shortly before it expires.
/// </summary>
/// <remarks>
/// <para>
/// A token is <c>k8s-aws-v1.</c> + base64url without padding of a presigned URL for STS <c>GetCallerIdentity</c>:
/// <c>GET https://sts.&lt;region&gt;.amazonaws.com/?Action=GetCallerIdentity&amp;Version=2011-06-15&amp;X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Credential=…&amp;X-Amz-Date=…&amp;X-Amz-Expires=60&amp;X-Amz-SignedHeaders=host%3Bx-k8s-aws-id[&amp;X-Amz-Security-Token=…]&amp;X-Amz-Signature=…</c>.
/// The signature covers the header <c>x-k8s-aws-id: &lt;cluster&gt;</c>, which is not in the URL: the API server adds
/// it when it replays the request to STS, so a token only works for the cluster it names.
/// </para>
/// <para>
/// The URL is signed with the pipeline's credentials, for the pipeline's region, against its STS endpoint (the
/// regional one, <c>https://sts.&lt;region&gt;.amazonaws.com/</c>, unless <c>EKSOPS_ENDPOINT_STS</c> or
/// <c>EKSOPS_ENDPOINT</c> points elsewhere). For a cluster in another account, give a pipeline whose credentials are
/// <see cref="Sts.AssumedRoleCredentials"/>; a token never outlives the credentials' <c>Expiration</c>. Signing uses
/// AWSSDK.Core's <c>AWS4Signer.ComputeSignature</c> on a canonical request built here (SigV4 query signing).
/// </para>
/// <para>
/// The API server accepts a token for 15 minutes after its <c>X-Amz-Date</c> (<c>X-Amz-Expires=60</c> is sent for
/// compatibility and ignored). A cached token is reused until <see cref="RefreshBefore"/> (default 1 minute) before it
/// expires; then a new one is signed. Thread-safe.
/// </para>
/// </remarks>
public sealed class EksTokenProvider
{
    /// <summary>How long the API server accepts a token after its <c>X-Amz-Date</c>.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The token prefix.</summary>
    public const string TokenPrefix = "k8s-aws-v1.";

    /// <summary>The signed header that names the cluster.</summary>
    public const string ClusterIdHeader = "x-k8s-aws-id";

    private const string SignedHeaders = "host;" + ClusterIdHeader;
    private const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly AwsHttpPipeline _pipeline;
    private readonly ConcurrentDictionary<string, EksToken> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a provider that signs with <paramref name="pipeline"/>'s credentials, region and clock.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="refreshBefore">How long before expiry a cached token is replaced; default 1 minute, at most 14.</param>
    public EksTokenProvider(AwsHttpPipeline pipeline, TimeSpan? refreshBefore = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        RefreshBefore = refreshBefore ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RefreshBefore, TimeSpan.Zero, nameof(refreshBefore));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RefreshBefore, TokenLifetime - TimeSpan.FromMinutes(1), nameof(refreshBefore));
    }

    /// <summary>How long before a token expires the provider stops handing it out and signs a new one.</summary>
    public TimeSpan RefreshBefore { get; }

    /// <summary>A token for <paramref name="cluster"/> (its <see cref="EksCluster.TokenClusterId"/>).</summary>
    /// <param name="cluster">The cluster, as <see cref="EksClient.DescribeClusterAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A token valid for at least <see cref="RefreshBefore"/>.</returns>
    public Task<EksToken> GetTokenAsync(EksCluster cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return GetTokenAsync(cluster.TokenClusterId, cancellationToken);
    }

    /// <summary>A token for the cluster named <paramref name="clusterId"/>: the cached one while it is fresh, else a new one.</summary>
    /// <param name="clusterId">The cluster name (the cluster id for a local cluster on AWS Outposts).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A token valid for at least <see cref="RefreshBefore"/>.</returns>
    /// <exception cref="AmazonClientException">No credentials could be found.</exception>
    public async Task<EksToken> GetTokenAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _pipeline.TimeProvider.GetUtcNow();
        if (_cache.TryGetValue(clusterId, out var cached) && now < cached.ExpiresAt - RefreshBefore)
        {
            return cached;
        }

        var credentials = await _pipeline.Credentials.GetCredentialsAsync().ConfigureAwait(false);
        var token = CreateToken(credentials, _pipeline.Region, _pipeline.ResolveEndpoint("sts"), clusterId, now);
        // A presigned URL stops working when the temporary credentials it was signed with expire.
        if (_pipeline.Credentials.Expiration is { } expiration)
        {
            var credentialsExpire = new DateTimeOffset(
                expiration.Kind == DateTimeKind.Local ? expiration.ToUniversalTime() : DateTime.SpecifyKind(expiration, DateTimeKind.Utc));
            if (credentialsExpire < token.ExpiresAt)
            {
                token = new EksToken(token.Value, token.ClusterId, token.SignedAt, credentialsExpire);
            }
        }

        _cache[clusterId] = token;
        return token;
    }

    /// <summary>Forgets the cached token of a cluster, for example after the API server answered 401.</summary>
    /// <param name="clusterId">The cluster name or id.</param>
    public void Invalidate(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        _cache.TryRemove(clusterId, out _);
    }

    /// <summary>Signs a token: presigns STS <c>GetCallerIdentity</c> with <c>x-k8s-aws-id</c> among the signed headers.</summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The signing region, also the region of <paramref name="stsEndpoint"/>.</param>
    /// <param name="stsEndpoint">The STS endpoint, e.g. <c>https://sts.eu-west-1.amazonaws.com/</c>.</param>
    /// <param name="clusterId">The cluster name or id.</param>
    /// <param name="now">The signing time (whole seconds are used).</param>
    internal static EksToken CreateToken(ImmutableCredentials credentials, string region, Uri stsEndpoint, string clusterId, DateTimeOffset now)
    {
        var signedAt = new DateTime(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "/" + region + "/sts/aws4_request";

        // The order botocore (aws eks get-token) writes them in: operation parameters, then the auth parameters.
        var query = new List<KeyValuePair<string, string>>
        {
            new("Action", "GetCallerIdentity"),
            new("Version", "2011-06-15"),
            new("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            new("X-Amz-Credential", credentials.AccessKey + "/" + scope),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Expires", "60"),
            new("X-Amz-SignedHeaders", SignedHeaders),
        };
        if (credentials.UseToken)
        {
            query.Add(new("X-Amz-Security-Token", credentials.Token));
        }

        var encoded = query.Select(p => (Key: Encode(p.Key), Value: Encode(p.Value))).ToList();
        var canonicalQuery = string.Join('&', encoded
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var path = string.IsNullOrEmpty(stsEndpoint.AbsolutePath) ? "/" : stsEndpoint.AbsolutePath;
        var canonicalPath = Encode(path, keepSlash: true);
        var host = stsEndpoint.IsDefaultPort ? stsEndpoint.Host : stsEndpoint.Host + ":" + stsEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        var canonicalRequest =
            "GET\n" +
            canonicalPath + "\n" +
            canonicalQuery + "\n" +
            "host:" + host + "\n" +
            ClusterIdHeader + ":" + TrimAll(clusterId) + "\n" +
            "\n" +
            SignedHeaders + "\n" +
            EmptyBodySha256;
        var signature = AWS4Signer.ComputeSignature(credentials.AccessKey, credentials.SecretKey, region, signedAt, "sts", SignedHeaders, canonicalRequest).Signature;

        var url = new StringBuilder(stsEndpoint.Scheme).Append("://").Append(host).Append(path).Append('?');
        url.AppendJoin('&', encoded.Select(p => p.Key + "=" + p.Value));
        url.Append("&X-Amz-Signature=").Append(signature);
        var token = TokenPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(url.ToString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signedAtOffset = new DateTimeOffset(signedAt);
        return new EksToken(token, clusterId, signedAtOffset, signedAtOffset + TokenLifetime);
    }

    /// <summary>SigV4's URI encoding: every UTF-8 byte except <c>A-Za-z0-9-_.~</c> (and <c>/</c> when asked) as <c>%XX</c>.</summary>
    private static string Encode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>A header value as SigV4 canonicalizes it: ends trimmed, inner runs of spaces collapsed to one.</summary>
    private static string TrimAll(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
