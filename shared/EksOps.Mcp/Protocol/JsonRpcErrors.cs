using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EksOps.Mcp.Protocol;

/// <summary>JSON-RPC error bodies for what the HTTP layer refuses before the SDK sees the message, in the SDK's own wire form.</summary>
internal static class JsonRpcErrors
{
    /// <summary>The SDK's server-error code for transport-level refusals (method not allowed, forbidden origin …).</summary>
    public const int TransportError = -32000;

    public static string Body(int code, string message, RequestId id = default, JsonNode? data = null) =>
        JsonSerializer.Serialize(
            new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data } },
            McpJson.TypeInfo<JsonRpcError>());

    public static string Body(McpErrorCode code, string message, RequestId id = default, JsonNode? data = null) =>
        Body((int)code, message, id, data);

    /// <summary>The data of an <c>UnsupportedProtocolVersion</c> error: what the server speaks and what was asked.</summary>
    public static JsonNode UnsupportedVersionData(string requested) =>
        JsonSerializer.SerializeToNode(
            new UnsupportedProtocolVersionErrorData { Supported = McpRevisions.Supported, Requested = requested },
            McpJson.TypeInfo<UnsupportedProtocolVersionErrorData>())!;
}
