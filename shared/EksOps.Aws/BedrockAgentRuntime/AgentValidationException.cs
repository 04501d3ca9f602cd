using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>validationException</c> event of an InvokeAgent stream: the request is invalid (HTTP 400 in the model).</summary>
public sealed class AgentValidationException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentValidationException(string? errorMessage, string? requestId)
        : base("validationException", HttpStatusCode.BadRequest, "ValidationException", errorMessage, requestId)
    {
    }
}
