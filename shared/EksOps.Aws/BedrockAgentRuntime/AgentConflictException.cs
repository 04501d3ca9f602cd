using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>conflictException</c> event of an InvokeAgent stream: the request conflicts with the session's state (HTTP 409 in the model).</summary>
public sealed class AgentConflictException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentConflictException(string? errorMessage, string? requestId)
        : base("conflictException", HttpStatusCode.Conflict, "ConflictException", errorMessage, requestId)
    {
    }
}
