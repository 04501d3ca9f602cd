using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Lambda;
using EksOps.Mcp.Auth;
using EksOps.Mcp.Http;
using EksOps.Mcp.Protocol;
using EksOps.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EksOps.Mcp;

/// <summary>
/// The MCP face of the tool registry: a stateless Streamable HTTP endpoint driven by Lambda Function URL events
/// (payload format 2.0, buffered responses). Every POST gets a fresh ModelContextProtocol.Core server on a stateless
/// <see cref="StreamableHttpServerTransport"/>, so the protocol (initialize, <c>server/discover</c>, ping, errors) is the
/// SDK's; this class does the HTTP around it (methods, origins, size, auth, headers, JSON or SSE bodies) and maps
/// <c>tools/list</c> and <c>tools/call</c> onto <see cref="ToolRegistry"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>request</term><description>answer</description></listheader>
/// <item><term>POST a request</term><description>200, <c>application/json</c> when the client accepts it, else <c>text/event-stream</c> (one buffered stream)</description></item>
/// <item><term>POST a notification or response</term><description>202, no body</description></item>
/// <item><term>GET, DELETE, other methods</term><description>405, <c>Allow: POST</c> (no SSE stream, no sessions)</description></item>
/// <item><term><c>Origin</c> not allowed</term><description>403</description></item>
/// <item><term>body over the limit</term><description>413</description></item>
/// <item><term>unsupported <c>MCP-Protocol-Version</c></term><description>400, <c>-32022</c> with the supported revisions</description></item>
/// <item><term>invalid JSON / not JSON-RPC</term><description>400, <c>-32700</c> / <c>-32600</c></description></item>
/// <item><term>JWT missing or invalid / scope missing</term><description>401 / 403 with <c>WWW-Authenticate: Bearer resource_metadata="…"</c></description></item>
/// </list>
/// <para>Headers a client may add: <c>EksOps-Cluster</c> (the cluster to act on; default the registry's default) and
/// <c>EksOps-Approval</c> (an approval token for a write).</para>
/// </remarks>
public sealed class McpFunctionUrlHandler : IDisposable
{
    /// <summary>The header naming the cluster a call acts on.</summary>
    public const string ClusterHeader = "EksOps-Cluster";

    /// <summary>The header carrying an approval token for a write tool.</summary>
    public const string ApprovalHeader = "EksOps-Approval";

    private readonly ToolRegistry _registry;
    private readonly McpEndpointOptions _options;
    private readonly List<Tool> _tools;
    private readonly HttpClient? _jwksClient;
    private readonly JsonWebKeyCache? _keys;
    private readonly JwtBearerValidator? _jwt;

    /// <summary>Creates the handler (once per Lambda sandbox).</summary>
    /// <param name="registry">The tools to serve.</param>
    /// <param name="options">The endpoint's options.</param>
    /// <param name="jwksHandler">How the JWKS is fetched (tests pass a fake); default a plain <see cref="HttpClientHandler"/>.</param>
    /// <param name="time">The clock token expiry is checked against; the system clock by default.</param>
    public McpFunctionUrlHandler(ToolRegistry registry, McpEndpointOptions options, HttpMessageHandler? jwksHandler = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _options = options;
        _tools = McpToolBridge.ProtocolTools(registry);
        if (options.Jwt is { } jwt)
        {
            time ??= TimeProvider.System;
            _jwksClient = new HttpClient(jwksHandler ?? new HttpClientHandler(), disposeHandler: jwksHandler is null)
            {
                Timeout = TimeSpan.FromSeconds(5),
            };
            _keys = new JsonWebKeyCache(_jwksClient, jwt, time);
            _jwt = new JwtBearerValidator(jwt, _keys, time);
        }
    }

    /// <summary>How many times the signing keys were fetched (for tests of key rotation).</summary>
    public int SigningKeyFetches => _keys?.FetchCount ?? 0;

    /// <summary>Answers one Function URL request.</summary>
    /// <param name="request">The event.</param>
    /// <param name="context">The invocation: its logger, metrics and deadline go into every tool call.</param>
    /// <returns>The buffered response.</returns>
    public async Task<FunctionUrlResponse> HandleAsync(FunctionUrlRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var http = new IncomingRequest(request);
        var resource = _options.Resource ?? new Uri($"https://{http.Host}{_options.Path}");

        if (ProtectedResource.IsMetadataPath(http.Path, resource))
        {
            return Metadata(http, resource);
        }

        if (!string.Equals(http.Path.TrimEnd('/'), _options.Path, StringComparison.Ordinal) && !(http.Path == "/" && _options.Path == "/"))
        {
            return Error(404, JsonRpcErrors.TransportError, $"Not Found: the MCP endpoint is {_options.Path}");
        }

        if (http.Header("origin") is { } origin && !OriginAllowed(origin))
        {
            context.Logger.LogWarning($"mcp: refused a request from origin {origin}");
            return Error(403, JsonRpcErrors.TransportError, $"Forbidden: origin {origin} is not allowed");
        }

        if (http.Method != "POST")
        {
            return Error(405, JsonRpcErrors.TransportError,
                "Method Not Allowed: this stateless server answers POST only (no server-sent event stream, no sessions)",
                ("allow", "POST"));
        }

        if (http.BodyLength > _options.MaxRequestBytes)
        {
            return Error(413, JsonRpcErrors.TransportError, $"Payload Too Large: the request body is over {_options.MaxRequestBytes} bytes");
        }

        AccessToken? token = null;
        if (_jwt is not null)
        {
            var validation = await _jwt.ValidateAsync(http.Header("authorization"), context.CancellationToken).ConfigureAwait(false);
            if (validation.KeysUnavailable)
            {
                context.Logger.LogError($"mcp: {validation.Description}");
                return Error(503, (int)McpErrorCode.InternalError, "Service Unavailable: the token could not be checked; try again");
            }

            if (validation.Token is null)
            {
                return Error(401, JsonRpcErrors.TransportError, $"Unauthorized: {validation.Description}",
                    ("www-authenticate", ProtectedResource.Challenge(resource, validation.Error, validation.Error is null ? null : validation.Description, _options.Jwt!.ReadScope)));
            }

            token = validation.Token;
        }

        string? accept = http.Header("accept");
        bool json = MediaRanges.Admits(accept, MediaRanges.Json);
        if (!json && !MediaRanges.Admits(accept, MediaRanges.EventStream))
        {
            return Error(406, JsonRpcErrors.TransportError, "Not Acceptable: the client must accept application/json or text/event-stream");
        }

        if (http.Header("content-type") is { } contentType && !contentType.StartsWith(MediaRanges.Json, StringComparison.OrdinalIgnoreCase))
        {
            return Error(415, JsonRpcErrors.TransportError, "Unsupported Media Type: the body must be application/json");
        }

        if (!TryReadMessage(http, out var message, out var refusal))
        {
            return refusal;
        }

        var id = message is JsonRpcRequest withId ? withId.Id : default;
        if (!HeaderChecks.TryValidate(message, http.Header, out var headerRefusal))
        {
            return Error(400, (int)headerRefusal.Code, headerRefusal.Message, id, headerRefusal.Data);
        }

        if (token is not null && MissingScope(message, token) is { } scope)
        {
            return Error(403, JsonRpcErrors.TransportError, $"Forbidden: this tool needs the scope {scope}", id, null,
                ("www-authenticate", ProtectedResource.Challenge(resource, "insufficient_scope", $"this tool needs the scope {scope}", scope)));
        }

        string? version = http.Header(StreamableHttpHeaders.ProtocolVersion);
        string revision = version ?? InitializeVersion(message) ?? McpRevisions.AssumedWithoutHeader;
        var call = new ToolInvocationContext
        {
            ClusterName = http.Header(ClusterHeader),
            ApprovalToken = http.Header(ApprovalHeader),
            Caller = new ToolCaller(token?.Identity ?? http.IamCaller ?? $"anonymous ({http.SourceIp ?? "unknown address"})", ToolFace.Mcp),
            CancellationToken = context.CancellationToken,
            Logger = context.Logger,
            Metrics = context.Metrics,
        };
        if (version is not null)
        {
            message.Context ??= new JsonRpcMessageContext();
            message.Context.ProtocolVersion = version;
        }

        return await DispatchAsync(message, new McpToolBridge(_registry, _tools, call, revision), revision, json, context).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _keys?.Dispose();
        _jwksClient?.Dispose();
    }

    private async Task<FunctionUrlResponse> DispatchAsync(JsonRpcMessage message, McpToolBridge bridge, string revision, bool json, ILambdaContext context)
    {
        using var loggerFactory = new LambdaLoggerFactory(context.Logger);
        using var body = new MemoryStream();
        bool wrote;
        var transport = new StreamableHttpServerTransport(loggerFactory) { Stateless = true };
        var server = McpServer.Create(transport, ServerOptions(bridge), loggerFactory);
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);
        try
        {
            wrote = await transport.HandlePostRequestAsync(message, body, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return Error(504, (int)McpErrorCode.InternalError, "Gateway Timeout: the request did not finish before the function's deadline",
                (message as JsonRpcRequest)?.Id ?? default);
        }
        finally
        {
            // As the SDK's own stateless HTTP handler does: the transport first, so the server's read loop ends without an exception.
            await transport.DisposeAsync().ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await server.DisposeAsync().ConfigureAwait(false);
        }

        if (!wrote)
        {
            return Responses.Accepted();
        }

        byte[] sse = body.ToArray();
        string? final = SseFraming.FinalMessage(sse);
        int status = StatusFor(final, revision);
        return json && final is not null
            ? Responses.Json(status, final)
            : Responses.Build(status, SseFraming.Text(sse), MediaRanges.EventStream, ("cache-control", "no-cache"));
    }

    private McpServerOptions ServerOptions(McpToolBridge bridge) => new()
    {
        ServerInfo = new Implementation { Name = _options.ServerName, Title = "EksOps", Version = _options.ServerVersion },
        ServerInstructions = "EksOps incident tools for Amazon EKS: read pods, logs, events, Kubernetes objects, CloudWatch metrics, "
            + "alarms and logs; write tools plan a change first and apply it only when policy (and, in production, an approval) allows.",
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = bridge.ListToolsAsync,
            CallToolHandler = bridge.CallToolAsync,
        },
        // One server per HTTP request: there is no session to scope services to.
        ScopeRequests = false,
    };

    /// <summary>
    /// From 2026-07-28 some JSON-RPC errors have their own HTTP status (a method the server does not implement is
    /// 404; header, capability and version errors are 400). Earlier revisions answer every JSON-RPC response with 200.
    /// </summary>
    private static int StatusFor(string? final, string revision)
    {
        if (final is null || !McpRevisions.UsesPerRequestMetadata(revision))
        {
            return 200;
        }

        int? code = (JsonNode.Parse(final)?["error"]?["code"] as JsonValue)?.TryGetValue(out int value) == true ? value : null;
        return (McpErrorCode?)code switch
        {
            McpErrorCode.MethodNotFound => 404,
            McpErrorCode.HeaderMismatch or McpErrorCode.MissingRequiredClientCapability or McpErrorCode.UnsupportedProtocolVersion => 400,
            _ => 200,
        };
    }

    private static bool TryReadMessage(IncomingRequest http, [NotNullWhen(true)] out JsonRpcMessage? message, out FunctionUrlResponse refusal)
    {
        message = null;
        refusal = null!;
        byte[]? body = http.ReadBody();
        JsonValueKind kind;
        try
        {
            using var document = JsonDocument.Parse(body ?? throw new JsonException("the body is not valid base64"));
            kind = document.RootElement.ValueKind;
        }
        catch (JsonException)
        {
            refusal = Error(400, (int)McpErrorCode.ParseError, "Parse error: the body is not valid JSON");
            return false;
        }

        if (kind == JsonValueKind.Array)
        {
            refusal = Error(400, (int)McpErrorCode.InvalidRequest, "Invalid Request: JSON-RPC batches are not supported (MCP removed them in 2025-06-18)");
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize(body, McpJson.TypeInfo<JsonRpcMessage>());
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            refusal = Error(400, (int)McpErrorCode.InvalidRequest, "Invalid Request: the body is not a JSON-RPC 2.0 request, notification or response");
            return false;
        }

        return true;
    }

    private string? MissingScope(JsonRpcMessage message, AccessToken token)
    {
        if (message is not JsonRpcRequest { Method: RequestMethods.ToolsCall } request
            || request.Params?["name"] is not JsonValue nameValue
            || !nameValue.TryGetValue(out string? name)
            || !_registry.TryGetDefinition(name, out var definition))
        {
            // Listing, discovery and unknown tools need only a valid token; an unknown tool is the SDK's -32602.
            return null;
        }

        string needed = definition.IsWrite ? _options.Jwt!.ExecuteScope : _options.Jwt!.ReadScope;
        return token.Scopes.Contains(needed) ? null : needed;
    }

    private static string? InitializeVersion(JsonRpcMessage message) =>
        message is JsonRpcRequest { Method: RequestMethods.Initialize } request
        && (request.Params?["protocolVersion"] as JsonValue)?.TryGetValue(out string? version) == true
            ? version
            : null;

    private FunctionUrlResponse Metadata(IncomingRequest http, Uri resource)
    {
        if (_options.Jwt is null)
        {
            return Error(404, JsonRpcErrors.TransportError, "Not Found: this server does not use OAuth (its Function URL uses AWS_IAM)");
        }

        return http.Method is "GET" or "HEAD"
            ? Responses.Json(200, ProtectedResource.MetadataDocument(resource, _options.Jwt), ("cache-control", "max-age=3600"))
            : Error(405, JsonRpcErrors.TransportError, "Method Not Allowed", ("allow", "GET"));
    }

    private bool OriginAllowed(string origin) =>
        _options.AllowedOrigins.Any(allowed => allowed == "*" || string.Equals(allowed.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    private static FunctionUrlResponse Error(int status, int code, string message, params (string Name, string Value)[] headers) =>
        Error(status, code, message, default, null, headers);

    private static FunctionUrlResponse Error(int status, int code, string message, RequestId id, params (string Name, string Value)[] headers) =>
        Error(status, code, message, id, null, headers);

    private static FunctionUrlResponse Error(int status, int code, string message, RequestId id, JsonNode? data, params (string Name, string Value)[] headers) =>
        Responses.Json(status, JsonRpcErrors.Body(code, message, id, data), headers);
}
