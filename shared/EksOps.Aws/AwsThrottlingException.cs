using System.Net;

namespace EksOps.Aws;

/// <summary>
/// The service throttled the call (HTTP 429 or a throttling code such as <c>ThrottlingException</c>, <c>Throttling</c>,
/// <c>TooManyRequestsException</c>, <c>RequestLimitExceeded</c>) on every attempt, or asked for a longer
/// <c>Retry-After</c> than the pipeline honours.
/// </summary>
public sealed class AwsThrottlingException : AwsServiceException
{
    /// <inheritdoc cref="AwsServiceException(string, string, HttpStatusCode, string, string?, string?)"/>
    public AwsThrottlingException(string service, string operation, HttpStatusCode statusCode, string errorCode, string? errorMessage, string? requestId)
        : base(service, operation, statusCode, errorCode, errorMessage, requestId)
    {
    }
}
