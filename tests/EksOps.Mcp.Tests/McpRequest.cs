using System.Text.Json.Nodes;

namespace EksOps.Mcp.Tests;

/// <summary>Function URL events carrying MCP messages, shaped as a client of a given revision sends them.</summary>
internal static class McpRequest
{
    public const string BothMediaTypes = "application/json, text/event-stream";

    public static readonly TheoryData<string> Revisions = ["2025-06-18", "2025-11-25", "2026-07-28"];

    public static bool PerRequestMetadata(string revision) => string.CompareOrdinal(revision, "2026-07-28") >= 0;

    /// <summary>A request with id 1; the 2026-07-28 form adds <c>_meta</c> and the <c>Mcp-Method</c>/<c>Mcp-Name</c> headers.</summary>
    public static FunctionUrlRequest Call(string revision, string method, JsonObject? parameters = null, Dictionary<string, string>? headers = null) =>
        Message(revision, new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method }, parameters, headers);

    public static FunctionUrlRequest Notify(string revision, string method, JsonObject? parameters = null) =>
        Message(revision, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method }, parameters, null);

    public static FunctionUrlRequest Tool(string revision, string tool, JsonObject arguments, Dictionary<string, string>? headers = null) =>
        Call(revision, "tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments }, headers);

    public static FunctionUrlRequest Post(string? body, Dictionary<string, string>? headers = null, string method = "POST", string path = "/mcp", bool base64 = false)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["accept"] = BothMediaTypes, ["content-type"] = "application/json" };
        foreach (var (name, value) in headers ?? [])
        {
            all[name.ToLowerInvariant()] = value;
        }

        return new FunctionUrlRequest
        {
            Version = "2.0",
            RawPath = path,
            RawQueryString = string.Empty,
            Headers = all,
            RequestContext = new FunctionUrlRequestContext
            {
                AccountId = "123456789012",
                RequestId = Guid.NewGuid().ToString(),
                DomainName = "abc123.lambda-url.ap-northeast-2.on.aws",
                Http = new FunctionUrlHttp { Method = method, Path = path, Protocol = "HTTP/1.1", SourceIp = "203.0.113.7", UserAgent = "test" },
            },
            Body = base64 && body is not null ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)) : body,
            IsBase64Encoded = base64,
        };
    }

    private static FunctionUrlRequest Message(string revision, JsonObject message, JsonObject? parameters, Dictionary<string, string>? extraHeaders)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        string method = (string)message["method"]!;
        if (PerRequestMetadata(revision))
        {
            parameters ??= [];
            parameters["_meta"] = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = revision,
                ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
                ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "test", ["version"] = "1.0.0" },
            };
            headers["mcp-method"] = method;
            if (parameters["name"] is JsonValue name && method is "tools/call" or "prompts/get")
            {
                headers["mcp-name"] = (string)name!;
            }
        }

        if (method != "initialize" || PerRequestMetadata(revision))
        {
            headers["mcp-protocol-version"] = revision;
        }

        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        foreach (var (name, value) in extraHeaders ?? [])
        {
            headers[name] = value;
        }

        return Post(message.ToJsonString(), headers);
    }
}
