namespace EksOps.FaceParity.Tests;

/// <summary>The ways a tool is reached. <see cref="Registry"/> is the reference every other face must agree with.</summary>
public enum Face
{
    Registry,
    Mcp,
    BedrockFunctionDetails,
    BedrockOpenApi,
    ReturnControl,
    AgentCoreGateway,
}
