namespace EksOps.Tools;

/// <summary>Which face a call came through (for logs and metrics metadata; the behaviour is the same on every face).</summary>
public enum ToolFace
{
    /// <summary>An MCP client over Streamable HTTP.</summary>
    Mcp,

    /// <summary>A Bedrock agent action group with function details.</summary>
    BedrockFunction,

    /// <summary>A Bedrock agent action group with an OpenAPI schema.</summary>
    BedrockOpenApi,

    /// <summary>The RETURN_CONTROL executor (Bedrock hands the call back to EksOps).</summary>
    ReturnControl,

    /// <summary>An AgentCore Gateway Lambda target.</summary>
    Gateway,

    /// <summary>EksOps itself (the incident flow, the local CLI, tests).</summary>
    Internal,
}
