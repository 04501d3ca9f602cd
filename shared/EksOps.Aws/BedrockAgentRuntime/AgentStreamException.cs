using System.Net;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// An error the service sent inside an InvokeAgent response stream, after the HTTP 200. The ten modelled exception
/// events are subclasses (<see cref="AgentThrottlingException"/>, <see cref="AgentValidationException"/>, …);
/// this class itself stands for an unmodelled <c>:message-type: error</c> message or an exception type this library
/// does not know. <see cref="AwsServiceException.ErrorCode"/> is the error's shape name (<c>ThrottlingException</c>),
/// as it would be had the service refused the request before streaming, and <see cref="AwsServiceException.StatusCode"/>
/// is the status the service model gives that error, so <c>catch (AwsServiceException e) when (e.ErrorCode == …)</c>
/// handles both. Errors before streaming keep the pipeline's types (<see cref="AwsServiceException"/>, <see cref="AwsThrottlingException"/>).
/// </summary>
public class AgentStreamException : AwsServiceException
{
    /// <summary>Creates the exception for an unmodelled error message or an unknown exception type.</summary>
    /// <param name="exceptionType">The <c>:exception-type</c> header, or null for a <c>:message-type: error</c> message.</param>
    /// <param name="errorCode">The error code (the <c>:error-code</c> header, or the exception type with its first letter upper-cased).</param>
    /// <param name="errorMessage">The message.</param>
    /// <param name="requestId">The request id of the response.</param>
    public AgentStreamException(string? exceptionType, string errorCode, string? errorMessage, string? requestId)
        : this(exceptionType, HttpStatusCode.BadRequest, errorCode, errorMessage, requestId)
    {
    }

    private protected AgentStreamException(string? exceptionType, HttpStatusCode statusCode, string errorCode, string? errorMessage, string? requestId)
        : base(Describe(exceptionType, errorCode, errorMessage, requestId), BedrockAgentRuntimeClient.EndpointPrefix, "InvokeAgent", statusCode, errorCode, errorMessage, requestId)
    {
        ExceptionType = exceptionType;
    }

    /// <summary>The <c>:exception-type</c> header as sent (the union member name, e.g. <c>throttlingException</c>); null for an unmodelled error message.</summary>
    public string? ExceptionType { get; }

    private static string Describe(string? exceptionType, string errorCode, string? message, string? requestId)
    {
        var text = exceptionType is null
            ? $"{BedrockAgentRuntimeClient.EndpointPrefix} InvokeAgent stream failed with error {errorCode}"
            : $"{BedrockAgentRuntimeClient.EndpointPrefix} InvokeAgent stream failed with {exceptionType}";
        if (!string.IsNullOrEmpty(message))
        {
            text += ": " + message;
        }

        return requestId is null ? text : text + " (request id " + requestId + ")";
    }
}
