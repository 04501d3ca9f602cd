namespace EksOps.Mcp.Protocol;

/// <summary>The Streamable HTTP request headers (the SDK's constants are internal).</summary>
internal static class StreamableHttpHeaders
{
    public const string ProtocolVersion = "MCP-Protocol-Version";
    public const string Method = "Mcp-Method";
    public const string Name = "Mcp-Name";
}
