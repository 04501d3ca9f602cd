using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>modelNotReadyException</c> event of an InvokeAgent stream: the model is not ready yet; the AWS SDKs retry this up to 5 times (HTTP 424 in the model).</summary>
public sealed class AgentModelNotReadyException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentModelNotReadyException(string? errorMessage, string? requestId)
        : base("modelNotReadyException", HttpStatusCode.FailedDependency, "ModelNotReadyException", errorMessage, requestId)
    {
    }
}
