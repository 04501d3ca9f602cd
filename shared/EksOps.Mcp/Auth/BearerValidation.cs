namespace EksOps.Mcp.Auth;

/// <summary>The outcome of validating a bearer token.</summary>
internal sealed class BearerValidation
{
    private BearerValidation(AccessToken? token, string? error, string? description, bool keysUnavailable)
    {
        Token = token;
        Error = error;
        Description = description;
        KeysUnavailable = keysUnavailable;
    }

    /// <summary>The token, when valid.</summary>
    public AccessToken? Token { get; }

    /// <summary>The RFC 6750 error code (<c>invalid_token</c>, <c>invalid_request</c>), or <see langword="null"/> when no token was sent.</summary>
    public string? Error { get; }

    /// <summary>Why the token was refused, for <c>error_description</c> (never echoes the token).</summary>
    public string? Description { get; }

    /// <summary>The signing keys could not be fetched: a server fault, not the caller's.</summary>
    public bool KeysUnavailable { get; }

    public static BearerValidation Valid(AccessToken token) => new(token, null, null, false);

    public static BearerValidation Missing() => new(null, null, "no bearer token was sent", false);

    public static BearerValidation Invalid(string description) => new(null, "invalid_token", description, false);

    public static BearerValidation Malformed(string description) => new(null, "invalid_request", description, false);

    public static BearerValidation Unavailable(string description) => new(null, null, description, true);
}
