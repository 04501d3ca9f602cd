using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EksOps.Mcp.Protocol;

/// <summary>
/// What the Streamable HTTP transport requires of a request's headers and envelope before the SDK sees it (the SDK's
/// ASP.NET Core handler does these checks, its Core transport does not): the protocol version header, and from
/// 2026-07-28 the <c>_meta</c> protocol version, <c>Mcp-Method</c>/<c>Mcp-Name</c> and client capabilities.
/// </summary>
internal static class HeaderChecks
{
    private const string SentinelPrefix = "=?base64?";
    private const string SentinelSuffix = "?=";

    /// <summary>An HTTP 400 refusal with its JSON-RPC error.</summary>
    public sealed record Refusal(McpErrorCode Code, string Message, JsonNode? Data = null);

    /// <summary>Checks a parsed message against the request's headers.</summary>
    /// <param name="message">The message.</param>
    /// <param name="header">Reads a request header.</param>
    /// <param name="refusal">Why the request is refused.</param>
    /// <returns>Whether the request may go on.</returns>
    public static bool TryValidate(JsonRpcMessage message, Func<string, string?> header, [NotNullWhen(false)] out Refusal? refusal)
    {
        string? version = header(StreamableHttpHeaders.ProtocolVersion);
        if (version is not null && !McpRevisions.IsSupported(version))
        {
            refusal = new Refusal(
                McpErrorCode.UnsupportedProtocolVersion,
                $"Bad Request: MCP-Protocol-Version '{version}' is not supported; supported: {string.Join(", ", McpRevisions.Supported)}",
                JsonRpcErrors.UnsupportedVersionData(version));
            return false;
        }

        var parameters = (message as JsonRpcRequest)?.Params ?? (message as JsonRpcNotification)?.Params;
        string? metaVersion = (parameters?["_meta"]?[MetaKeys.ProtocolVersion] as JsonValue)?.TryGetValue(out string? value) == true ? value : null;
        if (version is null)
        {
            refusal = metaVersion is not null && McpRevisions.UsesPerRequestMetadata(metaVersion)
                ? new Refusal(McpErrorCode.HeaderMismatch, $"Bad Request: the body declares protocol version '{metaVersion}' but the MCP-Protocol-Version header is missing")
                : null;
            return refusal is null;
        }

        refusal = McpRevisions.UsesPerRequestMetadata(version) ? PerRequestMetadata(message, parameters, version, metaVersion, header) : null;
        return refusal is null;
    }

    private static Refusal? PerRequestMetadata(JsonRpcMessage message, JsonNode? parameters, string version, string? metaVersion, Func<string, string?> header)
    {
        if (message is not (JsonRpcRequest or JsonRpcNotification))
        {
            return new Refusal(McpErrorCode.InvalidRequest, $"Bad Request: clients must not send JSON-RPC responses on protocol version '{version}'");
        }

        if (metaVersion is null && message is JsonRpcRequest)
        {
            return new Refusal(McpErrorCode.InvalidParams, $"Requests using protocol version '{version}' must include '_meta/{MetaKeys.ProtocolVersion}'");
        }

        if (metaVersion is not null && metaVersion != version)
        {
            return new Refusal(McpErrorCode.HeaderMismatch, $"Header mismatch: MCP-Protocol-Version '{version}' does not match _meta/{MetaKeys.ProtocolVersion} '{metaVersion}'");
        }

        string method = (message as JsonRpcRequest)?.Method ?? ((JsonRpcNotification)message).Method;
        string? methodHeader = header(StreamableHttpHeaders.Method)?.Trim();
        if (methodHeader != method)
        {
            return new Refusal(McpErrorCode.HeaderMismatch, methodHeader is null
                ? "Missing required Mcp-Method header"
                : $"Header mismatch: Mcp-Method header value '{methodHeader}' does not match body value '{method}'");
        }

        string? nameField = method switch
        {
            RequestMethods.ToolsCall or RequestMethods.PromptsGet => "name",
            RequestMethods.ResourcesRead => "uri",
            _ => null,
        };
        if (nameField is not null)
        {
            string? bodyName = (parameters?[nameField] as JsonValue)?.TryGetValue(out string? name) == true ? name : null;
            string? nameHeader = header(StreamableHttpHeaders.Name)?.Trim();
            if (nameHeader is null)
            {
                return new Refusal(McpErrorCode.HeaderMismatch, "Missing required Mcp-Name header");
            }

            if (Decode(nameHeader) is not { } decoded || decoded != bodyName)
            {
                return new Refusal(McpErrorCode.HeaderMismatch, $"Header mismatch: Mcp-Name header value '{nameHeader}' does not match body value '{bodyName}'");
            }
        }

        return message is JsonRpcRequest && parameters?["_meta"]?[MetaKeys.ClientCapabilities] is not JsonObject
            ? new Refusal(McpErrorCode.InvalidParams, $"Requests using protocol version '{version}' must include '_meta/{MetaKeys.ClientCapabilities}' as a JSON object")
            : null;
    }

    /// <summary>A header value with the <c>=?base64?…?=</c> sentinel decoded; <see langword="null"/> when the encoding is broken.</summary>
    private static string? Decode(string value)
    {
        if (!value.StartsWith(SentinelPrefix, StringComparison.Ordinal) || !value.EndsWith(SentinelSuffix, StringComparison.Ordinal)
            || value.Length < SentinelPrefix.Length + SentinelSuffix.Length)
        {
            return value;
        }

        string encoded = value[SentinelPrefix.Length..^SentinelSuffix.Length];
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
