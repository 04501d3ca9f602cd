using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>throttlingException</c> event of an InvokeAgent stream: the call was throttled mid-stream (HTTP 429 in the model).</summary>
public sealed class AgentThrottlingException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentThrottlingException(string? errorMessage, string? requestId)
        : base("throttlingException", HttpStatusCode.TooManyRequests, "ThrottlingException", errorMessage, requestId)
    {
    }
}
