using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Lambda.Testing;
using EksOps.Tools;

namespace EksOps.Mcp.Tests.Jwt;

/// <summary>JWT bearer auth: tokens minted by Microsoft.IdentityModel, validated by the handler's own RS256 code.</summary>
public sealed class JwtAuthTests : IDisposable
{
    private const string Resource = "https://abc123.lambda-url.ap-northeast-2.on.aws/mcp";
    private const string MetadataUrl = "https://abc123.lambda-url.ap-northeast-2.on.aws/.well-known/oauth-protected-resource/mcp";

    private static readonly ToolRegistry Registry = StubRegistry.Create();

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeIssuer _issuer;
    private readonly McpFunctionUrlHandler _handler;

    public JwtAuthTests()
    {
        _issuer = new FakeIssuer(_clock);
        _handler = new McpFunctionUrlHandler(Registry, Options(), _issuer, _clock);
    }

    public void Dispose()
    {
        _handler.Dispose();
        _issuer.Dispose();
    }

    [Fact]
    public async Task A_valid_token_with_the_read_scope_lists_and_calls_read_tools()
    {
        string token = _issuer.AccessToken();

        var list = await SendAsync(McpRequest.Call("2025-11-25", "tools/list"), token);
        var call = await SendAsync(ReadCall(), token);

        Assert.Equal(Registry.Definitions.Count, list.Result()["tools"]!.AsArray().Count);
        Assert.False((bool)call.Result()["isError"]!);
        Assert.Equal(1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task No_token_is_401_with_the_resource_metadata_challenge()
    {
        var response = await SendAsync(McpRequest.Call("2025-11-25", "tools/list"), token: null);

        Assert.Equal(401, response.StatusCode);
        string challenge = response.Headers["www-authenticate"];
        Assert.StartsWith($"Bearer resource_metadata=\"{MetadataUrl}\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"tools/read\"", challenge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired", "expired")]
    [InlineData("another issuer", "another issuer")]
    [InlineData("another client", "audience")]
    [InlineData("signed by a stranger", "signature")]
    [InlineData("payload altered", "signature")]
    [InlineData("alg none", "RS256")]
    [InlineData("alg HS256", "RS256")]
    [InlineData("an ID token", "not an access token")]
    [InlineData("not before later", "not valid yet")]
    [InlineData("no kid", "kid")]
    [InlineData("not a JWT", "not a signed JWT")]
    public async Task An_invalid_token_is_401_invalid_token(string token, string reason)
    {
        var response = await SendAsync(ReadCall(), Token(token));

        Assert.Equal(401, response.StatusCode);
        string challenge = response.Headers["www-authenticate"];
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains(reason, challenge, StringComparison.Ordinal);
        Assert.Contains($"resource_metadata=\"{MetadataUrl}\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted()
    {
        string token = _issuer.AccessToken(expiresIn: TimeSpan.FromSeconds(-30));

        Assert.Equal(200, (await SendAsync(ReadCall(), token)).StatusCode);
    }

    [Fact]
    public async Task A_token_with_this_server_as_its_audience_is_accepted()
    {
        string token = _issuer.AccessToken(clientId: "another-app", claims: new() { ["aud"] = FakeIssuer.ClientId });

        Assert.Equal(200, (await SendAsync(ReadCall(), token)).StatusCode);
    }

    [Fact]
    public async Task A_write_tool_needs_the_execute_scope()
    {
        var write = McpRequest.Tool("2025-11-25", "execute_runbook", new JsonObject
        {
            ["runbook"] = "scale-deployment",
            ["target"] = new JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
        });

        var refused = await SendAsync(write, _issuer.AccessToken(scope: "tools/read"));
        var allowed = await SendAsync(write, _issuer.AccessToken(scope: "tools/read tools/execute"));

        Assert.Equal(403, refused.StatusCode);
        string challenge = refused.Headers["www-authenticate"];
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"tools/execute\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"resource_metadata=\"{MetadataUrl}\"", challenge, StringComparison.Ordinal);
        Assert.Equal(1, (int)refused.Json()["id"]!);
        var result = allowed.Result();
        Assert.True((bool)result["isError"]!);
        Assert.Contains("this stub plans nothing", (string)result["content"]![0]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_tool_needs_the_read_scope()
    {
        var response = await SendAsync(ReadCall(), _issuer.AccessToken(scope: "tools/execute"));

        Assert.Equal(403, response.StatusCode);
        Assert.Contains("scope=\"tools/read\"", response.Headers["www-authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_once_and_forged_kids_do_not_hammer_the_issuer()
    {
        Assert.Equal(200, (await SendAsync(ReadCall(), _issuer.AccessToken())).StatusCode);
        _issuer.Publish("key-2");
        _clock.Now += TimeSpan.FromMinutes(1);

        var rotated = await SendAsync(ReadCall(), _issuer.AccessToken(kid: "key-2"));
        var forged1 = await SendAsync(ReadCall(), _issuer.AccessToken(kid: "key-9", signingKey: RSA.Create(2048)));
        var forged2 = await SendAsync(ReadCall(), _issuer.AccessToken(kid: "key-8", signingKey: RSA.Create(2048)));

        Assert.Equal(200, rotated.StatusCode);
        Assert.Equal(401, forged1.StatusCode);
        Assert.Equal(401, forged2.StatusCode);
        Assert.Equal(2, _issuer.JwksRequests);
        Assert.Equal(2, _handler.SigningKeyFetches);
    }

    [Fact]
    public async Task Keys_are_fetched_again_when_they_are_an_hour_old()
    {
        await SendAsync(ReadCall(), _issuer.AccessToken());
        _clock.Now += TimeSpan.FromMinutes(61);

        await SendAsync(ReadCall(), _issuer.AccessToken());

        Assert.Equal(2, _issuer.JwksRequests);
    }

    [Fact]
    public async Task An_unreachable_issuer_is_503_not_the_callers_fault()
    {
        _issuer.Down = true;
        var context = new TestLambdaContext();

        var response = await _handler.HandleAsync(WithToken(ReadCall(), _issuer.AccessToken()), context);

        Assert.Equal(503, response.StatusCode);
        Assert.Contains(context.TestLogger.Entries, e => e.Message.Contains("signing keys could not be fetched", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task The_protected_resource_metadata_is_served_without_a_token(string path)
    {
        var response = await SendAsync(McpRequest.Post(null, method: "GET", path: path), token: null);

        var document = response.Json();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Resource, (string?)document["resource"]);
        Assert.Equal([FakeIssuer.Issuer], document["authorization_servers"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["tools/read", "tools/execute"], document["scopes_supported"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["header"], document["bearer_methods_supported"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task Without_JWT_auth_there_is_no_metadata_and_no_token_is_needed()
    {
        using var handler = new McpFunctionUrlHandler(Registry, new McpEndpointOptions());

        var metadata = await handler.HandleAsync(McpRequest.Post(null, method: "GET", path: "/.well-known/oauth-protected-resource"), new TestLambdaContext());
        var call = await handler.HandleAsync(ReadCall(), new TestLambdaContext());

        Assert.Equal(404, metadata.StatusCode);
        Assert.Equal(200, call.StatusCode);
    }

    [Fact]
    public async Task The_token_subject_is_the_caller_in_tool_logs()
    {
        var context = new TestLambdaContext();

        await _handler.HandleAsync(WithToken(ReadCall(), _issuer.AccessToken()), context);

        Assert.Contains(context.TestLogger.Entries, e => e.Properties is { } p && p.Values.Contains("0f1e2d3c-user"));
    }

    private static McpEndpointOptions Options() => new()
    {
        Resource = new Uri(Resource),
        Jwt = new McpJwtOptions { Issuer = FakeIssuer.Issuer, Audiences = [FakeIssuer.ClientId] },
    };

    private static FunctionUrlRequest ReadCall() =>
        McpRequest.Tool("2025-11-25", "list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["namespace"] = "shop" });

    private static FunctionUrlRequest WithToken(FunctionUrlRequest request, string? token)
    {
        if (token is not null)
        {
            request.Headers!["authorization"] = $"Bearer {token}";
        }

        return request;
    }

    private string Token(string kind)
    {
        string valid = _issuer.AccessToken();
        var parts = valid.Split('.');
        using var stranger = RSA.Create(2048);
        return kind switch
        {
            "expired" => _issuer.AccessToken(expiresIn: TimeSpan.FromMinutes(-5)),
            "another issuer" => _issuer.AccessToken(issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other"),
            "another client" => _issuer.AccessToken(clientId: "someone-else"),
            "signed by a stranger" => _issuer.AccessToken(signingKey: stranger),
            "payload altered" => $"{parts[0]}.{Encode($$"""{"iss":"{{FakeIssuer.Issuer}}","client_id":"{{FakeIssuer.ClientId}}","scope":"tools/read tools/execute","exp":4102444800}""")}.{parts[2]}",
            "alg none" => $"{Encode("""{"alg":"none","kid":"key-1"}""")}.{parts[1]}.",
            "alg HS256" => $"{Encode("""{"alg":"HS256","kid":"key-1"}""")}.{parts[1]}.{parts[2]}",
            "an ID token" => _issuer.AccessToken(claims: new() { ["token_use"] = "id" }),
            "not before later" => _issuer.AccessToken(validIn: TimeSpan.FromMinutes(10)),
            "no kid" => $"{Encode("""{"alg":"RS256"}""")}.{parts[1]}.{parts[2]}",
            _ => "not-a-jwt",
        };
    }

    private static string Encode(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private Task<FunctionUrlResponse> SendAsync(FunctionUrlRequest request, string? token) =>
        _handler.HandleAsync(WithToken(request, token), new TestLambdaContext());
}
