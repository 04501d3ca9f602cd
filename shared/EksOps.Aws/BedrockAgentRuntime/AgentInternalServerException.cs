using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>internalServerException</c> event of an InvokeAgent stream: an internal error (HTTP 500 in the model); <see cref="Reason"/> <c>BEDROCK_MODEL_INVOCATION_SERVICE_UNAVAILABLE</c> means retry.</summary>
public sealed class AgentInternalServerException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    /// <param name="reason">Why, e.g. <c>BEDROCK_MODEL_INVOCATION_SERVICE_UNAVAILABLE</c>.</param>
    public AgentInternalServerException(string? errorMessage, string? requestId, string? reason)
        : base("internalServerException", HttpStatusCode.InternalServerError, "InternalServerException", errorMessage, requestId)
    {
        Reason = reason;
    }

    /// <summary>Why, e.g. <c>BEDROCK_MODEL_INVOCATION_SERVICE_UNAVAILABLE</c>.</summary>
    public string? Reason { get; }
}
