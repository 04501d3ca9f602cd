using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EksOps.Mcp.Tests.Jwt;

/// <summary>
/// A Cognito-like issuer: its OpenID configuration and JWKS over a fake HTTP handler (counting fetches), and tokens
/// minted by Microsoft.IdentityModel.JsonWebTokens, an implementation independent of the one under test.
/// </summary>
internal sealed class FakeIssuer : HttpMessageHandler
{
    public const string Issuer = "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_TestPool";
    public const string ClientId = "eksops-mcp-client";

    private readonly Dictionary<string, RSA> _published = new(StringComparer.Ordinal);

    public FakeIssuer(ManualClock clock)
    {
        Clock = clock;
        Publish("key-1");
    }

    public ManualClock Clock { get; }

    public int JwksRequests { get; private set; }

    public bool Down { get; set; }

    public RSA Publish(string kid)
    {
        var key = RSA.Create(2048);
        _published[kid] = key;
        return key;
    }

    /// <summary>A Cognito access token: <c>client_id</c>, <c>scope</c>, <c>token_use</c>, no <c>aud</c>.</summary>
    public string AccessToken(
        string scope = "tools/read",
        string kid = "key-1",
        RSA? signingKey = null,
        string issuer = Issuer,
        string clientId = ClientId,
        TimeSpan? expiresIn = null,
        TimeSpan? validIn = null,
        Dictionary<string, object>? claims = null)
    {
        var all = new Dictionary<string, object>
        {
            ["client_id"] = clientId,
            ["scope"] = scope,
            ["token_use"] = "access",
            ["sub"] = "0f1e2d3c-user",
        };
        foreach (var (name, value) in claims ?? [])
        {
            all[name] = value;
        }

        var now = Clock.Now.UtcDateTime;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Claims = all,
            IssuedAt = expires.AddHours(-1),
            NotBefore = validIn is { } later ? now + later : expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey ?? _published[kid]) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));
        }

        string url = request.RequestUri!.ToString();
        JsonObject body;
        if (url == $"{Issuer}/.well-known/openid-configuration")
        {
            body = new JsonObject { ["issuer"] = Issuer, ["jwks_uri"] = $"{Issuer}/.well-known/jwks.json" };
        }
        else if (url == $"{Issuer}/.well-known/jwks.json")
        {
            JwksRequests++;
            var keys = new JsonArray();
            foreach (var (kid, key) in _published)
            {
                var parameters = key.ExportParameters(false);
                keys.Add(new JsonObject
                {
                    ["kid"] = kid,
                    ["kty"] = "RSA",
                    ["alg"] = "RS256",
                    ["use"] = "sig",
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                });
            }

            body = new JsonObject { ["keys"] = keys };
        }
        else
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString()) });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var key in _published.Values)
            {
                key.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
