using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EksOps.Tools.Readers.Tests.Eks;

/// <summary>
/// An EKS bearer token taken apart as the API server's authenticator does before it replays it to STS, with the
/// presigned URL's SigV4 signature recomputed independently (HMAC-SHA256 here, not AWSSDK.Core).
/// </summary>
internal sealed class BearerToken
{
    private const string Prefix = "k8s-aws-v1.";

    private BearerToken(string value, Uri url, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        Value = value;
        Url = url;
        Query = query;
    }

    public string Value { get; }

    /// <summary>The presigned STS URL.</summary>
    public Uri Url { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public string AccessKeyId => this["X-Amz-Credential"].Split('/')[0];

    public DateTimeOffset SignedAt =>
        DateTimeOffset.ParseExact(this["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public string? SecurityToken => Query.Where(p => p.Key == "X-Amz-Security-Token").Select(p => p.Value).FirstOrDefault();

    public string this[string name] => Query.Single(p => p.Key == name).Value;

    /// <summary>Parses <c>Bearer k8s-aws-v1.&lt;base64url&gt;</c>; null when the header is not that.</summary>
    public static BearerToken? FromHeader(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer " + Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var value = authorization["Bearer ".Length..];
        var body = value[Prefix.Length..].Replace('-', '+').Replace('_', '/');
        body += new string('=', (4 - (body.Length % 4)) % 4);
        var url = new Uri(Encoding.UTF8.GetString(Convert.FromBase64String(body)));
        var query = url.Query.TrimStart('?').Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return KeyValuePair.Create(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }).ToList();
        return new BearerToken(value, url, query);
    }

    /// <summary>Why the authenticator would refuse the token for <paramref name="clusterId"/>; null when it would accept it.</summary>
    /// <param name="expectedSts">The STS endpoint (scheme, host, port) the token must be presigned for.</param>
    public string? Problem(Uri expectedSts, string clusterId, string secret, DateTimeOffset now)
    {
        var names = Query.Select(p => p.Key).ToList();
        return Url.GetLeftPart(UriPartial.Authority) != expectedSts.GetLeftPart(UriPartial.Authority)
                ? $"the token is presigned for {Url.GetLeftPart(UriPartial.Authority)}, not {expectedSts.GetLeftPart(UriPartial.Authority)}"
            : Url.AbsolutePath != "/" ? "the STS path is not /"
            : names.Count != names.Distinct().Count() ? "a query parameter repeats"
            : !names.Contains("Action") || this["Action"] != "GetCallerIdentity" ? "the action is not GetCallerIdentity"
            : this["Version"] != "2011-06-15" ? "the STS version is not 2011-06-15"
            : !this["X-Amz-SignedHeaders"].Split(';').Contains("x-k8s-aws-id") ? "x-k8s-aws-id is not signed"
            : now < SignedAt || now > SignedAt.AddMinutes(15) ? $"the token was signed at {SignedAt:O}, not within 15 minutes before {now:O}"
            : this["X-Amz-Signature"] != Signature(clusterId, secret) ? $"the signature does not match for cluster {clusterId}"
            : null;
    }

    private string Signature(string clusterId, string secret)
    {
        var canonicalQuery = string.Join('&', Query
            .Where(p => p.Key != "X-Amz-Signature")
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var canonicalRequest = string.Join('\n',
            "GET", Url.AbsolutePath, canonicalQuery, "host:" + Url.Authority, "x-k8s-aws-id:" + clusterId, string.Empty,
            this["X-Amz-SignedHeaders"], Convert.ToHexStringLower(SHA256.HashData([])));
        var scope = this["X-Amz-Credential"].Split('/')[1..];   // date/region/sts/aws4_request
        var stringToSign = string.Join('\n',
            "AWS4-HMAC-SHA256", this["X-Amz-Date"], string.Join('/', scope), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope)
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Encode(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString()
                : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));
}
