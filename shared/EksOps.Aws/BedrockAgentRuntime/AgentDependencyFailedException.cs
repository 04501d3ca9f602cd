using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The <c>dependencyFailedException</c> event of an InvokeAgent stream: a dependency failed, such as a Lambda action group, Bedrock or STS; also what a result with <c>responseState: FAILURE</c> ends in (HTTP 424 in the model).</summary>
public sealed class AgentDependencyFailedException : AgentStreamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestId">The request id of the response.</param>
    /// <param name="resourceName">The resource that failed, e.g. the Lambda function.</param>
    public AgentDependencyFailedException(string? errorMessage, string? requestId, string? resourceName)
        : base("dependencyFailedException", HttpStatusCode.FailedDependency, "DependencyFailedException", errorMessage, requestId)
    {
        ResourceName = resourceName;
    }

    /// <summary>The resource that failed, e.g. the Lambda function.</summary>
    public string? ResourceName { get; }
}
