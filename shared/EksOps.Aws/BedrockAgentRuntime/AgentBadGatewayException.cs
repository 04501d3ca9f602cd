using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>badGatewayException</c> event of an InvokeAgent stream: a service the agent depends on answered badly (HTTP 502 in the model).</summary>
public sealed class AgentBadGatewayException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    /// <param name="resourceName">The resource that failed.</param>
    public AgentBadGatewayException(string? errorMessage, string? requestId, string? resourceName)
        : base("badGatewayException", HttpStatusCode.BadGateway, "BadGatewayException", errorMessage, requestId)
    {
        ResourceName = resourceName;
    }

    /// <summary>The resource that failed.</summary>
    public string? ResourceName { get; }
}
