using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>serviceQuotaExceededException</c> event of an InvokeAgent stream: a service quota is exhausted (HTTP 400 in the model).</summary>
public sealed class AgentServiceQuotaExceededException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentServiceQuotaExceededException(string? errorMessage, string? requestId)
        : base("serviceQuotaExceededException", HttpStatusCode.BadRequest, "ServiceQuotaExceededException", errorMessage, requestId)
    {
    }
}
