using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;

namespace EksOps.Testing.Bedrock;

/// <summary>
/// Checks a received request's SigV4 <c>Authorization</c> the way the service does: it rebuilds the canonical request
/// from what arrived on the wire (the raw request target, encoded once more as SigV4 wants for every service but S3),
/// hashes the body, and recomputes the signature with AWSSDK.Core's signing math for the expected scope.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>What is wrong with the request's signature for the given key and scope; null when it is valid.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawTarget">The request target as it arrived.</param>
    /// <param name="headers">The headers, by case-insensitive name.</param>
    /// <param name="body">The body.</param>
    /// <param name="accessKey">The expected access key id.</param>
    /// <param name="secretKey">The secret key to recompute the signature with.</param>
    /// <param name="region">The expected Region.</param>
    /// <param name="service">The expected signing name.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(string method, string rawTarget, IReadOnlyDictionary<string, string> headers, byte[] body, string accessKey, string secretKey, string region, string service)
    {
        if (!headers.TryGetValue("Authorization", out var authorization))
        {
            return "no Authorization header";
        }

        const string Algorithm = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            return "not AWS4-HMAC-SHA256: " + authorization;
        }

        var parts = authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        var scope = parts.GetValueOrDefault("Credential", "").Split('/');
        if (scope.Length != 5 || scope[0] != accessKey || scope[2] != region || scope[3] != service || scope[4] != "aws4_request")
        {
            return $"credential scope {parts.GetValueOrDefault("Credential")} is not {accessKey}/<date>/{region}/{service}/aws4_request";
        }

        if (!headers.TryGetValue("X-Amz-Date", out var amzDate)
            || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            return "X-Amz-Date missing or not matching the scope date";
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (headers.GetValueOrDefault("X-Amz-Content-SHA256") is { } declared && declared != payloadHash)
        {
            return "x-amz-content-sha256 does not match the body";
        }

        var signedHeaders = parts.GetValueOrDefault("SignedHeaders", "");
        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date"))
        {
            return "host and x-amz-date must be signed: " + signedHeaders;
        }

        var canonical = new StringBuilder();
        canonical.Append(method).Append('\n');
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        canonical.Append(EncodeAgain(queryStart < 0 ? rawTarget : rawTarget[..queryStart])).Append('\n');
        canonical.Append(queryStart < 0 ? "" : rawTarget[(queryStart + 1)..]).Append('\n');
        foreach (var name in names)
        {
            var value = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is null)
            {
                return $"signed header {name} did not arrive";
            }

            canonical.Append(name).Append(':').Append(string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var expected = AWS4Signer.ComputeSignature(accessKey, secretKey, region, signedAt, service, signedHeaders, canonical.ToString()).Signature;
        return expected == parts.GetValueOrDefault("Signature") ? null : $"signature mismatch over canonical request:\n{canonical}";
    }

    /// <summary>SigV4's URI encoding of an already-encoded path: every byte but unreserved characters and <c>/</c> is percent-encoded, so <c>%3A</c> becomes <c>%253A</c>.</summary>
    /// <param name="path">The path as it arrived.</param>
    /// <returns>The canonical path.</returns>
    public static string EncodeAgain(string path)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' or (byte)'/')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
