using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Lambda;
using EksOps.Tools.Faces.Internal;

namespace EksOps.Tools.Faces;

/// <summary>
/// An AgentCore Gateway Lambda target: the event is the tool's argument map as the MCP client sent it, the tool is
/// named by the client context (<c>custom.bedrockAgentCoreToolName</c> = <c>&lt;target&gt;___&lt;tool&gt;</c>), and the
/// answer is an MCP <c>CallToolResult</c>, as the MCP face gives.
/// </summary>
/// <remarks>
/// <para>Answer: <c>{"content": [{"type": "text", "text": result JSON}], "structuredContent": result (success only),
/// "isError": bool}</c>. Errors are not in the tool's output schema, so they travel as text with <c>isError</c>.</para>
/// <para>A missing or malformed tool name, an unknown tool and an event that is not an object are answered with
/// <c>isError</c> and a message that says what was wrong, never with a Lambda error: the gateway turns Lambda errors
/// into a generic "internal error" unless its exception level is DEBUG.</para>
/// <para>The gateway carries no session attributes, so calls run against the registry's default cluster and carry no
/// approval token: a write that needs approval answers with its <c>approval-required</c> envelope.</para>
/// </remarks>
public sealed class GatewayTargetHandler
{
    /// <summary>The client-context key AgentCore Gateway puts the tool name under.</summary>
    public const string ToolNameKey = "bedrockAgentCoreToolName";

    private readonly ToolRegistry _registry;

    /// <summary>Creates the handler.</summary>
    /// <param name="registry">The tools served.</param>
    public GatewayTargetHandler(ToolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Runs the tool the gateway named with the event as its arguments.</summary>
    /// <param name="arguments">The event: the tool's arguments (<c>null</c> means none).</param>
    /// <param name="context">The invocation; its client context names the tool, its logger, metrics and cancellation go to the registry.</param>
    /// <returns>The MCP <c>CallToolResult</c>.</returns>
    public async Task<JsonObject> HandleAsync(JsonElement arguments, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var custom = context.ClientContext?.Custom;
        string? gatewayName = custom?.GetValueOrDefault(ToolNameKey);
        if (gatewayName is null)
        {
            return Refuse(context, "missing_tool_name", $"the invocation has no client context custom.{ToolNameKey}; AgentCore Gateway sets it to <target>{ToolNames.GatewaySeparator}<tool> when it calls a Lambda target");
        }

        if (ToolNames.FromGatewayToolName(gatewayName) is not { } toolName)
        {
            return Refuse(context, "unknown_tool", $"custom.{ToolNameKey} is \"{gatewayName}\", not <target>{ToolNames.GatewaySeparator}<tool>; the tools are {string.Join(", ", _registry.Definitions.Select(d => d.Name))}");
        }

        if (arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return Refuse(context, "invalid_arguments", $"{toolName}: the event must be the tool's argument object, not {ParameterListReader.Kind(arguments)}");
        }

        var result = await _registry.InvokeAsync(toolName, arguments.ValueKind == JsonValueKind.Object ? JsonObject.Create(arguments) : null, new ToolInvocationContext
        {
            Caller = new ToolCaller(
                $"agentcore-gateway/{custom!.GetValueOrDefault("bedrockAgentCoreGatewayId") ?? "unknown"}/{custom!.GetValueOrDefault("bedrockAgentCoreTargetId") ?? "unknown"}",
                ToolFace.Gateway,
                custom!.GetValueOrDefault("bedrockAgentCoreSessionId") is { Length: > 0 } session ? session : null),
            CancellationToken = context.CancellationToken,
            Logger = context.Logger,
            Metrics = context.Metrics,
        }).ConfigureAwait(false);
        return CallToolResult(result.ToJsonText(), result.IsError, result.IsError ? null : result.Content.DeepClone());
    }

    private static JsonObject Refuse(ILambdaContext context, string code, string message)
    {
        context.Logger.LogWarning($"gateway call refused: {message}");
        return CallToolResult(FaceJson.Serialize(FaceJson.Error(code, message)), isError: true);
    }

    private static JsonObject CallToolResult(string text, bool isError, JsonNode? structuredContent = null)
    {
        var result = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) };
        if (structuredContent is not null)
        {
            result["structuredContent"] = structuredContent;
        }

        result["isError"] = isError;
        return result;
    }
}
