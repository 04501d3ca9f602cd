namespace EksOps.Tools;

/// <summary>How each face spells a tool, so faces map what they receive back to the tool name.</summary>
public static class ToolNames
{
    /// <summary>The separator AgentCore Gateway puts between target and tool name (three underscores).</summary>
    public const string GatewaySeparator = "___";

    /// <summary>The OpenAPI path of a tool in the generated API-schema action groups: <c>/tools/&lt;name&gt;</c>.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <returns>The path.</returns>
    public static string OpenApiPath(string toolName) => "/tools/" + toolName;

    /// <summary>The tool name from an OpenAPI event's <c>apiPath</c> (<c>/tools/get_pod_logs</c> → <c>get_pod_logs</c>).</summary>
    /// <param name="apiPath">The path as Bedrock sent it.</param>
    /// <returns>The tool name, or <see langword="null"/> when the path is not a tool path.</returns>
    public static string? FromOpenApiPath(string? apiPath) =>
        apiPath is not null && apiPath.StartsWith("/tools/", StringComparison.Ordinal) && apiPath.Length > 7 && apiPath.IndexOf('/', 7) < 0
            ? apiPath[7..]
            : null;

    /// <summary>The tool name from AgentCore Gateway's <c>bedrockAgentCoreToolName</c> (<c>eksops___get_pod_logs</c> → <c>get_pod_logs</c>).</summary>
    /// <param name="gatewayToolName">The client-context value.</param>
    /// <returns>The tool name, or <see langword="null"/> when the separator is missing or the name is empty.</returns>
    public static string? FromGatewayToolName(string? gatewayToolName)
    {
        int index = gatewayToolName?.IndexOf(GatewaySeparator, StringComparison.Ordinal) ?? -1;
        return index < 0 || index + GatewaySeparator.Length >= gatewayToolName!.Length ? null : gatewayToolName[(index + GatewaySeparator.Length)..];
    }
}
