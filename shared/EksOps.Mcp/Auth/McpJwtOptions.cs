namespace EksOps.Mcp;

/// <summary>
/// JWT bearer validation for the MCP endpoint (an OAuth 2.1 resource server, e.g. behind an Amazon Cognito user pool):
/// RS256 signatures against the issuer's JWKS (cached, refetched for an unknown <c>kid</c>), issuer, expiry with a
/// small skew, audience or <c>client_id</c>, and a scope per tool class.
/// </summary>
public sealed class McpJwtOptions
{
    /// <summary>The default scope for read tools (a Cognito resource server <c>tools</c> with scope <c>read</c>).</summary>
    public const string DefaultReadScope = "tools/read";

    /// <summary>The default scope for write tools.</summary>
    public const string DefaultExecuteScope = "tools/execute";

    /// <summary>The token issuer, exactly as in the <c>iss</c> claim, e.g. <c>https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>
    /// The accepted audiences: a token is accepted when its <c>aud</c> contains one, or its <c>client_id</c> (Cognito
    /// access tokens carry no <c>aud</c>) is one.
    /// </summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>Where the signing keys are; <see langword="null"/> to read <c>jwks_uri</c> from the issuer's OpenID configuration.</summary>
    public Uri? JwksUri { get; init; }

    /// <summary>The scope a token needs to call read tools.</summary>
    public string ReadScope { get; init; } = DefaultReadScope;

    /// <summary>The scope a token needs to call write tools.</summary>
    public string ExecuteScope { get; init; } = DefaultExecuteScope;

    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off; default one minute.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long fetched keys are used before they are fetched again; default one hour.</summary>
    public TimeSpan KeysLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The least time between two fetches caused by an unknown <c>kid</c>: a rotated key is picked up by the first token
    /// signed with it once this much time has passed since the last fetch, and a stream of forged <c>kid</c>s cannot
    /// make the function hammer the issuer; default 30 seconds.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);
}
