using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace EksOps.Mcp.Auth;

/// <summary>
/// The issuer's RSA signing keys by <c>kid</c>, fetched from its JWKS and kept for <see cref="McpJwtOptions.KeysLifetime"/>.
/// An unknown <c>kid</c> (a rotated key) triggers a refetch, at most once per
/// <see cref="McpJwtOptions.MinimumRefreshInterval"/>. Keys are kept as parameters, not <see cref="RSA"/> objects, so
/// concurrent validations never share a native key handle.
/// </summary>
internal sealed class JsonWebKeyCache(HttpClient http, McpJwtOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private Dictionary<string, RSAParameters> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset? _fetchedAt;
    private Uri? _jwksUri = options.JwksUri;

    /// <summary>How many times the JWKS was fetched (tests).</summary>
    public int FetchCount { get; private set; }

    /// <summary>Finds the key with id <paramref name="kid"/>, fetching the JWKS when it is stale or lacks that key.</summary>
    /// <returns>The key, or <see langword="null"/> when the issuer does not publish it.</returns>
    /// <exception cref="HttpRequestException">The JWKS (or the OpenID configuration) could not be fetched or read.</exception>
    public async Task<RSAParameters?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        if (Fresh() && _keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched while this one waited.
            if (_keys.TryGetValue(kid, out key) && Fresh())
            {
                return key;
            }

            bool mayRefetch = _fetchedAt is not { } fetched || time.GetUtcNow() - fetched >= options.MinimumRefreshInterval;
            if (!Fresh() || mayRefetch)
            {
                _keys = await FetchAsync(cancellationToken).ConfigureAwait(false);
                _fetchedAt = time.GetUtcNow();
            }

            return _keys.TryGetValue(kid, out key) ? key : null;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private bool Fresh() => _fetchedAt is { } fetched && time.GetUtcNow() - fetched < options.KeysLifetime;

    private async Task<Dictionary<string, RSAParameters>> FetchAsync(CancellationToken cancellationToken)
    {
        FetchCount++;
        _jwksUri ??= await DiscoverJwksUriAsync(cancellationToken).ConfigureAwait(false);
        using var document = await GetJsonAsync(_jwksUri, cancellationToken).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new HttpRequestException($"the JWKS at {_jwksUri} has no \"keys\" array");
        }

        var found = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        foreach (var jwk in keys.EnumerateArray())
        {
            // Only RSA signing keys meant for RS256 can verify what this validator accepts; others are skipped.
            if (jwk.ValueKind == JsonValueKind.Object
                && String(jwk, "kty") == "RSA"
                && String(jwk, "use") is null or "sig"
                && String(jwk, "alg") is null or "RS256"
                && String(jwk, "kid") is { Length: > 0 } kid
                && String(jwk, "n") is { Length: > 0 } modulus && Base64Url.IsValid(modulus)
                && String(jwk, "e") is { Length: > 0 } exponent && Base64Url.IsValid(exponent))
            {
                found[kid] = new RSAParameters { Modulus = Base64Url.DecodeFromChars(modulus), Exponent = Base64Url.DecodeFromChars(exponent) };
            }
        }

        return found;
    }

    private async Task<Uri> DiscoverJwksUriAsync(CancellationToken cancellationToken)
    {
        var configuration = new Uri(options.Issuer.TrimEnd('/') + "/.well-known/openid-configuration");
        using var document = await GetJsonAsync(configuration, cancellationToken).ConfigureAwait(false);
        return String(document.RootElement, "jwks_uri") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new HttpRequestException($"the OpenID configuration at {configuration} has no jwks_uri");
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw new HttpRequestException($"{uri} did not answer JSON", exception);
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
