using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EksOps.Mcp.Protocol;

/// <summary>
/// The SDK's <c>tools/list</c> and <c>tools/call</c> handlers over the tool registry, for one HTTP request: the
/// registry validates, applies policy, redacts and caps; this only maps its <see cref="ToolResult"/> onto MCP.
/// </summary>
/// <param name="registry">The registry.</param>
/// <param name="tools">The registry's tools as MCP shows them (built once per handler).</param>
/// <param name="call">What this request knows about its calls (caller, cluster, approval, logger, deadline).</param>
/// <param name="revision">The protocol revision the request speaks.</param>
internal sealed class McpToolBridge(ToolRegistry registry, IList<Tool> tools, ToolInvocationContext call, string revision)
{
    /// <summary>Each definition as <c>ToolArtifacts.McpTool</c> renders it (the same JSON as <c>schemas/mcp-tools.json</c>).</summary>
    public static List<Tool> ProtocolTools(ToolRegistry registry) =>
        [.. registry.Definitions.Select(definition =>
            JsonSerializer.Deserialize(ToolArtifacts.McpTool(definition), McpJson.TypeInfo<Tool>())!)];

    public ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        // Every tool fits one page, so there is no cursor to hand out and any cursor is one this server never issued.
        if (request.Params?.Cursor is not null)
        {
            throw new McpProtocolException("Invalid cursor: this server lists every tool on one page", McpErrorCode.InvalidParams);
        }

        return ValueTask.FromResult(new ListToolsResult { Tools = tools });
    }

    public async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        string name = request.Params?.Name ?? string.Empty;
        if (!registry.TryGetDefinition(name, out _))
        {
            throw new McpProtocolException($"Unknown tool: {name}", McpErrorCode.InvalidParams);
        }

        // "params.arguments as is", detached from the request tree because the registry owns what it is given.
        var arguments = request.JsonRpcRequest.Params?["arguments"]?.DeepClone() as JsonObject;
        var result = await registry.InvokeAsync(name, arguments, call).ConfigureAwait(false);
        if (result.Outcome == ToolOutcome.InvalidArguments && !McpRevisions.ReportsInvalidArgumentsAsToolErrors(revision))
        {
            throw InvalidArguments(result);
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = result.ToJsonText() }],
            // Errors do not follow the tool's output schema, so only a success carries structured content.
            StructuredContent = result.IsError ? null : JsonSerializer.SerializeToElement(result.Content, McpJson.TypeInfo<JsonObject>()),
            IsError = result.IsError,
        };
    }

    private static McpProtocolException InvalidArguments(ToolResult result)
    {
        var error = result.Content["error"] as JsonObject;
        var exception = new McpProtocolException(
            error?["message"]?.GetValue<string>() ?? $"{result.ToolName}: invalid arguments",
            McpErrorCode.InvalidParams);

        // The SDK copies Exception.Data into the JSON-RPC error's data: the same code and violations a newer client gets.
        foreach (var (key, value) in error ?? [])
        {
            if (key != "message" && value is not null)
            {
                exception.Data[key] = JsonSerializer.SerializeToElement(value, McpJson.TypeInfo<JsonNode>());
            }
        }

        return exception;
    }
}
