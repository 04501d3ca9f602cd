using System.Globalization;

namespace EksOps.Mcp;

/// <summary>How the MCP endpoint behaves: its path, the browser origins it admits, the request size limit and optional JWT auth.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>variable</term><description>effect</description></listheader>
/// <item><term><c>EKSOPS_MCP_PATH</c></term><description>The endpoint path; default <c>/mcp</c>.</description></item>
/// <item><term><c>EKSOPS_MCP_ALLOWED_ORIGINS</c></term><description>Comma-separated origins (<c>https://host[:port]</c>) a browser may call from; <c>*</c> admits any. Default none: a request with an <c>Origin</c> header gets 403.</description></item>
/// <item><term><c>EKSOPS_MCP_MAX_REQUEST_BYTES</c></term><description>The largest request body; default 1 MiB. Larger gets 413.</description></item>
/// <item><term><c>EKSOPS_MCP_RESOURCE</c></term><description>The endpoint's canonical URL (the RFC 9728 <c>resource</c>); default <c>https://&lt;Function URL host&gt;&lt;path&gt;</c>.</description></item>
/// <item><term><c>EKSOPS_MCP_JWT_ISSUER</c></term><description>Turns on JWT bearer auth: the <c>iss</c> tokens must carry.</description></item>
/// <item><term><c>EKSOPS_MCP_JWT_AUDIENCES</c></term><description>Comma-separated audiences or Cognito app client ids (required with the issuer).</description></item>
/// <item><term><c>EKSOPS_MCP_JWKS_URI</c></term><description>The JWKS URL; default the issuer's OpenID configuration <c>jwks_uri</c>.</description></item>
/// <item><term><c>EKSOPS_MCP_READ_SCOPE</c>, <c>EKSOPS_MCP_EXECUTE_SCOPE</c></term><description>The scopes for read and write tools; default <c>tools/read</c> and <c>tools/execute</c>.</description></item>
/// </list>
/// </remarks>
public sealed class McpEndpointOptions
{
    /// <summary>The default endpoint path.</summary>
    public const string DefaultPath = "/mcp";

    /// <summary>The default request body limit: 1 MiB (a JSON-RPC call is a few kilobytes; Function URLs take 6 MB).</summary>
    public const int DefaultMaxRequestBytes = 1024 * 1024;

    /// <summary>The endpoint path; other paths get 404 (except the protected-resource metadata).</summary>
    public string Path { get; init; } = DefaultPath;

    /// <summary>The browser origins admitted (exact <c>scheme://host[:port]</c>, or <c>*</c>); a request without <c>Origin</c> is not a browser's and is admitted.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>The largest request body in bytes.</summary>
    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>The endpoint's canonical URL; <see langword="null"/> to derive it from the request's host.</summary>
    public Uri? Resource { get; init; }

    /// <summary>JWT bearer validation; <see langword="null"/> when the Function URL's own auth (AWS_IAM) is the only auth.</summary>
    public McpJwtOptions? Jwt { get; init; }

    /// <summary>The name the server reports in <c>serverInfo</c>.</summary>
    public string ServerName { get; init; } = "eksops";

    /// <summary>The version the server reports in <c>serverInfo</c>.</summary>
    public string ServerVersion { get; init; } = typeof(McpEndpointOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    /// <summary>Reads the options from environment variables (see the remarks).</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <returns>The options.</returns>
    /// <exception cref="McpConfigurationException">A variable is invalid.</exception>
    public static McpEndpointOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string path = Value(getVariable, "EKSOPS_MCP_PATH") ?? DefaultPath;
        if (!path.StartsWith('/') || path.Length > 1 && path.EndsWith('/'))
        {
            throw new McpConfigurationException($"EKSOPS_MCP_PATH must start with '/' and not end with one (got \"{path}\")");
        }

        return new McpEndpointOptions
        {
            Path = path,
            AllowedOrigins = List(getVariable, "EKSOPS_MCP_ALLOWED_ORIGINS"),
            MaxRequestBytes = PositiveInteger(getVariable, "EKSOPS_MCP_MAX_REQUEST_BYTES") ?? DefaultMaxRequestBytes,
            Resource = AbsoluteUri(getVariable, "EKSOPS_MCP_RESOURCE"),
            Jwt = JwtFromEnvironment(getVariable),
        };
    }

    private static McpJwtOptions? JwtFromEnvironment(Func<string, string?> getVariable)
    {
        string? issuer = Value(getVariable, "EKSOPS_MCP_JWT_ISSUER");
        var audiences = List(getVariable, "EKSOPS_MCP_JWT_AUDIENCES");
        if (issuer is null)
        {
            return audiences.Count == 0 && Value(getVariable, "EKSOPS_MCP_JWKS_URI") is null
                ? null
                : throw new McpConfigurationException("EKSOPS_MCP_JWT_AUDIENCES and EKSOPS_MCP_JWKS_URI need EKSOPS_MCP_JWT_ISSUER");
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || issuerUri.Scheme != Uri.UriSchemeHttps && !issuerUri.IsLoopback)
        {
            throw new McpConfigurationException($"EKSOPS_MCP_JWT_ISSUER must be an https URL (got \"{issuer}\")");
        }

        if (audiences.Count == 0)
        {
            throw new McpConfigurationException("EKSOPS_MCP_JWT_AUDIENCES is required with EKSOPS_MCP_JWT_ISSUER: a token must be issued for this server");
        }

        return new McpJwtOptions
        {
            Issuer = issuer,
            Audiences = audiences,
            JwksUri = AbsoluteUri(getVariable, "EKSOPS_MCP_JWKS_URI"),
            ReadScope = Value(getVariable, "EKSOPS_MCP_READ_SCOPE") ?? McpJwtOptions.DefaultReadScope,
            ExecuteScope = Value(getVariable, "EKSOPS_MCP_EXECUTE_SCOPE") ?? McpJwtOptions.DefaultExecuteScope,
        };
    }

    private static string? Value(Func<string, string?> getVariable, string name) =>
        getVariable(name)?.Trim() is { Length: > 0 } value ? value : null;

    private static List<string> List(Func<string, string?> getVariable, string name) =>
        [.. (Value(getVariable, name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int? PositiveInteger(Func<string, string?> getVariable, string name) =>
        Value(getVariable, name) is not { } text
            ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : throw new McpConfigurationException($"{name} must be a positive integer (got \"{text}\")");

    private static Uri? AbsoluteUri(Func<string, string?> getVariable, string name) =>
        Value(getVariable, name) is not { } text
            ? null
            : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
                ? uri
                : throw new McpConfigurationException($"{name} must be an https URL (http only on loopback) (got \"{text}\")");
}
