using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Authentication;
using EksOps.Mcp.Protocol;

namespace EksOps.Mcp.Auth;

/// <summary>The endpoint as an OAuth protected resource: its RFC 9728 metadata document and its RFC 6750 challenges.</summary>
internal static class ProtectedResource
{
    /// <summary>The RFC 9728 well-known prefix.</summary>
    public const string WellKnownPath = "/.well-known/oauth-protected-resource";

    /// <summary>
    /// Where the metadata of <paramref name="resource"/> lives (RFC 9728 §3.1: the well-known segment goes between the
    /// host and the resource's path), the URL the challenges point at.
    /// </summary>
    public static string MetadataUrl(Uri resource)
    {
        string path = resource.AbsolutePath.TrimEnd('/');
        return $"{resource.GetLeftPart(UriPartial.Authority)}{WellKnownPath}{path}";
    }

    /// <summary>Whether <paramref name="path"/> asks for the metadata (at the path-suffixed URL or the bare one clients try next).</summary>
    public static bool IsMetadataPath(string path, Uri resource) =>
        path == WellKnownPath || path == WellKnownPath + resource.AbsolutePath.TrimEnd('/');

    public static string MetadataDocument(Uri resource, McpJwtOptions jwt) =>
        JsonSerializer.Serialize(
            new ProtectedResourceMetadata
            {
                Resource = resource.ToString(),
                AuthorizationServers = [jwt.Issuer],
                ScopesSupported = [jwt.ReadScope, jwt.ExecuteScope],
                BearerMethodsSupported = ["header"],
                ResourceName = "EksOps MCP server (EKS incident tools)",
            },
            McpJson.TypeInfo<ProtectedResourceMetadata>());

    /// <summary>A <c>WWW-Authenticate</c> value: <c>Bearer resource_metadata="…"</c> plus error, description and scope when given.</summary>
    public static string Challenge(Uri resource, string? error = null, string? description = null, string? scope = null)
    {
        var value = new StringBuilder("Bearer ");
        Append(value, "resource_metadata", MetadataUrl(resource));
        if (error is not null)
        {
            Append(value, "error", error);
        }

        if (description is not null)
        {
            Append(value, "error_description", description);
        }

        if (scope is not null)
        {
            Append(value, "scope", scope);
        }

        return value.ToString();
    }

    private static void Append(StringBuilder value, string name, string text)
    {
        if (value.Length > "Bearer ".Length)
        {
            value.Append(", ");
        }

        // RFC 6750 quoted strings: no quote or backslash inside, and nothing outside printable ASCII.
        var safe = new string([.. text.Select(c => c is '"' or '\\' || c < 0x20 || c > 0x7E ? '\'' : c)]);
        value.Append(name).Append("=\"").Append(safe).Append('"');
    }
}
