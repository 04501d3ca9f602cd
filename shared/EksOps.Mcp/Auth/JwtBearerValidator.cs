using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EksOps.Mcp.Auth;

/// <summary>
/// Validates RS256 JWT access tokens with System.Security.Cryptography alone (no reflection, nothing for the trimmer to
/// lose): compact form, <c>alg</c> RS256 only (never <c>none</c>, never HMAC with a public key), a <c>kid</c> the
/// issuer publishes, the PKCS#1 v1.5 SHA-256 signature, <c>iss</c>, <c>exp</c>/<c>nbf</c> with skew, <c>aud</c> or
/// <c>client_id</c>, and <c>token_use</c> (Cognito) <c>access</c> when present.
/// </summary>
internal sealed class JwtBearerValidator(McpJwtOptions options, JsonWebKeyCache keys, TimeProvider time)
{
    // A JWT in a header is a few kilobytes; a far larger one is not worth decoding.
    private const int MaxTokenLength = 16 * 1024;

    /// <summary>Validates the value of an <c>Authorization</c> header.</summary>
    public async Task<BearerValidation> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return BearerValidation.Missing();
        }

        var parts = authorization.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return BearerValidation.Malformed("the Authorization header must be \"Bearer <token>\"");
        }

        string token = parts[1];
        if (token.Length > MaxTokenLength)
        {
            return BearerValidation.Invalid("the token is too large");
        }

        var segments = token.Split('.');
        if (segments.Length != 3 || !Base64Url.IsValid(segments[2]))
        {
            return BearerValidation.Invalid("the token is not a signed JWT");
        }

        using var header = ReadJsonObject(segments[0]);
        using var payload = ReadJsonObject(segments[1]);
        if (header is null || payload is null)
        {
            return BearerValidation.Invalid("the token is not a signed JWT");
        }

        if (Text(header.RootElement, "alg") != "RS256")
        {
            return BearerValidation.Invalid("the token must be signed with RS256");
        }

        if (Text(header.RootElement, "kid") is not { Length: > 0 } kid)
        {
            return BearerValidation.Invalid("the token names no signing key (kid)");
        }

        RSAParameters? key;
        try
        {
            key = await keys.FindAsync(kid, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return BearerValidation.Unavailable($"the issuer's signing keys could not be fetched: {exception.Message}");
        }

        if (key is null)
        {
            return BearerValidation.Invalid("the token's signing key is not one the issuer publishes");
        }

        return VerifySignature(key.Value, segments)
            ? ValidateClaims(payload.RootElement)
            : BearerValidation.Invalid("the token's signature is invalid");
    }

    private BearerValidation ValidateClaims(JsonElement claims)
    {
        if (!string.Equals(Text(claims, "iss"), options.Issuer, StringComparison.Ordinal))
        {
            return BearerValidation.Invalid("the token was issued by another issuer");
        }

        var now = time.GetUtcNow();
        if (Seconds(claims, "exp") is not { } expires)
        {
            return BearerValidation.Invalid("the token has no expiry");
        }

        if (now > expires + options.ClockSkew)
        {
            return BearerValidation.Invalid("the token expired");
        }

        if (Seconds(claims, "nbf") is { } notBefore && now < notBefore - options.ClockSkew)
        {
            return BearerValidation.Invalid("the token is not valid yet");
        }

        if (Text(claims, "token_use") is { } use && use != "access")
        {
            return BearerValidation.Invalid("the token is not an access token");
        }

        string? clientId = Text(claims, "client_id");
        bool forThisServer = Strings(claims, "aud").Any(options.Audiences.Contains)
            || clientId is not null && options.Audiences.Contains(clientId);
        if (!forThisServer)
        {
            return BearerValidation.Invalid("the token was not issued for this server (audience)");
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string claim in (string[])["scope", "scp"])
        {
            foreach (string value in Strings(claims, claim))
            {
                scopes.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return BearerValidation.Valid(new AccessToken(Text(claims, "sub"), clientId, scopes));
    }

    private static bool VerifySignature(RSAParameters key, string[] segments)
    {
        byte[] signature = Base64Url.DecodeFromChars(segments[2]);
        byte[] signed = Encoding.ASCII.GetBytes(string.Concat(segments[0], ".", segments[1]));
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(key);
            return rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            // A published key the platform cannot import verifies nothing.
            return false;
        }
    }

    private static JsonDocument? ReadJsonObject(string segment)
    {
        if (!Base64Url.IsValid(segment))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Base64Url.DecodeFromChars(segment));
        }
        catch (JsonException)
        {
            return null;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }

        document.Dispose();
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            _ => [],
        };
    }

    private static DateTimeOffset? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double seconds)
            && seconds is >= 0 and < 253402300800 // year 9999: DateTimeOffset's range
            ? DateTimeOffset.UnixEpoch.AddSeconds(seconds)
            : null;
}
