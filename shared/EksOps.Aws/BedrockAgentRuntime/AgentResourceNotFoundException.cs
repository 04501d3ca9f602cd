using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>resourceNotFoundException</c> event of an InvokeAgent stream: the agent, alias or another resource does not exist (HTTP 404 in the model).</summary>
public sealed class AgentResourceNotFoundException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentResourceNotFoundException(string? errorMessage, string? requestId)
        : base("resourceNotFoundException", HttpStatusCode.NotFound, "ResourceNotFoundException", errorMessage, requestId)
    {
    }
}
