using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>accessDeniedException</c> event of an InvokeAgent stream: the caller lacks a permission (HTTP 403 in the model).</summary>
public sealed class AgentAccessDeniedException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentAccessDeniedException(string? errorMessage, string? requestId)
        : base("accessDeniedException", HttpStatusCode.Forbidden, "AccessDeniedException", errorMessage, requestId)
    {
    }
}
