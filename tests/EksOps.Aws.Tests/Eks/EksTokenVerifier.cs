using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EksOps.Aws.Tests.Eks;

/// <summary>
/// Decodes an EKS token and checks its presigned URL with an independent SigV4 implementation (HMAC-SHA256 in the
/// test, not AWSSDK.Core), as the API server's authenticator would before replaying it to STS.
/// </summary>
internal sealed class EksTokenVerifier
{
    private static readonly string[] AllowedParameters =
    [
        "action", "version", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-security-token", "x-amz-signature", "x-amz-signedheaders",
    ];

    private EksTokenVerifier(string token, Uri url, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        Token = token;
        Url = url;
        Query = query;
    }

    public string Token { get; }

    public Uri Url { get; }

    /// <summary>The query parameters, decoded, in URL order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public string this[string name] => Query.Single(p => p.Key == name).Value;

    public static EksTokenVerifier Decode(string token)
    {
        Assert.StartsWith("k8s-aws-v1.", token, StringComparison.Ordinal);
        var body = token["k8s-aws-v1.".Length..];
        Assert.Matches("^[A-Za-z0-9_-]+$", body);
        var base64 = body.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var url = new Uri(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        var query = url.Query.TrimStart('?').Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }).ToList();
        return new EksTokenVerifier(token, url, query);
    }

    /// <summary>The signature SigV4 gives this URL for <paramref name="clusterId"/> and <paramref name="secret"/>.</summary>
    public string ExpectedSignature(string secret, string clusterId)
    {
        var canonicalQuery = string.Join('&', Query
            .Where(p => p.Key != "X-Amz-Signature")
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var host = Url.IsDefaultPort ? Url.Host : Url.Host + ":" + Url.Port.ToString(CultureInfo.InvariantCulture);
        var canonicalRequest = string.Join('\n',
            "GET", Url.AbsolutePath, canonicalQuery, "host:" + host, "x-k8s-aws-id:" + clusterId, string.Empty, this["X-Amz-SignedHeaders"],
            Hex(SHA256.HashData([])));

        var credential = this["X-Amz-Credential"].Split('/');   // AKID/yyyyMMdd/region/sts/aws4_request
        var scope = string.Join('/', credential[1..]);
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", this["X-Amz-Date"], scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in credential[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>
    /// The checks aws-iam-authenticator's verifier (pkg/token/token.go) makes before it replays a token to STS: size,
    /// scheme, an STS host, path, only known query parameters and each once, the action, the cluster header among the
    /// signed ones, X-Amz-Expires within 0–900, and X-Amz-Date no more than 15 minutes before <paramref name="now"/>.
    /// </summary>
    public void AssertAcceptableToAuthenticator(DateTimeOffset now)
    {
        Assert.True(Token.Length <= 4096, $"token is {Token.Length} bytes");
        Assert.Equal("https", Url.Scheme);
        Assert.Matches(@"^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$", Url.Host);
        Assert.Equal("/", Url.AbsolutePath);
        var names = Query.Select(p => p.Key.ToLowerInvariant()).ToList();
        Assert.All(names, name => Assert.Contains(name, AllowedParameters));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("GetCallerIdentity", this["Action"]);
        Assert.Contains("x-k8s-aws-id", this["X-Amz-SignedHeaders"].Split(';'));
        Assert.InRange(int.Parse(this["X-Amz-Expires"], CultureInfo.InvariantCulture), 0, 900);
        var signedAt = DateTimeOffset.ParseExact(this["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(now, signedAt, signedAt.AddMinutes(15));
    }

    public void AssertSignedFor(string secret, string clusterId) => Assert.Equal(ExpectedSignature(secret, clusterId), this["X-Amz-Signature"]);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Encode(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b =>
            (b is >= (byte)'A' and <= (byte)'Z') || (b is >= (byte)'a' and <= (byte)'z') || (b is >= (byte)'0' and <= (byte)'9') || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString()
                : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));
}
