using System.Globalization;
using System.Net;

namespace EksOps.Aws;

/// <summary>
/// An AWS service answered with an error: HTTP status, AWS error code, message and request id, after any retries.
/// Throttling errors are the subclass <see cref="AwsThrottlingException"/>.
/// </summary>
public class AwsServiceException : Exception
{
    /// <summary>Creates the exception; prefer the pipeline's, which fills every property from the response.</summary>
    /// <param name="service">The endpoint prefix of the service, e.g. <c>monitoring</c>.</param>
    /// <param name="operation">The operation, e.g. <c>GetMetricData</c>.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The AWS error code, e.g. <c>ResourceNotFoundException</c>; the status number when the response had none.</param>
    /// <param name="errorMessage">The service's message, if any.</param>
    /// <param name="requestId">The request id from <c>x-amzn-RequestId</c>, <c>x-amz-request-id</c> or the body.</param>
    public AwsServiceException(string service, string operation, HttpStatusCode statusCode, string errorCode, string? errorMessage, string? requestId)
        : base(Describe(service, operation, statusCode, errorCode, errorMessage, requestId))
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>Creates the exception with a message of the subclass's choosing (errors that did not come with an HTTP error status, such as event-stream exceptions).</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="service">The endpoint prefix of the service.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="statusCode">The HTTP status the service's model gives this error.</param>
    /// <param name="errorCode">The AWS error code.</param>
    /// <param name="errorMessage">The service's message, if any.</param>
    /// <param name="requestId">The request id, if known.</param>
    protected AwsServiceException(string message, string service, string operation, HttpStatusCode statusCode, string errorCode, string? errorMessage, string? requestId)
        : base(message)
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>The endpoint prefix of the service, e.g. <c>monitoring</c>.</summary>
    public string Service { get; }

    /// <summary>The operation, e.g. <c>GetMetricData</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status of the last attempt.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The AWS error code without namespace or URL (<c>ThrottlingException</c>, not <c>com.amazon…#ThrottlingException:http://…</c>).
    /// For query-compatible services the <c>x-amzn-query-error</c> code wins, as in the AWS SDKs.
    /// </summary>
    public string ErrorCode { get; }

    /// <summary>The service's message (<c>message</c> or <c>Message</c>), if any.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The AWS request id, if the response carried one.</summary>
    public string? RequestId { get; }

    /// <summary><c>Sender</c> or <c>Receiver</c> when the service said whose fault it was (query-compatible errors, XML errors).</summary>
    public string? Fault { get; init; }

    /// <summary>The wait the server asked for with <c>Retry-After</c>, if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Whether the pipeline treats this error as transient (throttling, 5xx, transient codes).</summary>
    public bool IsRetryable => AwsErrorClassifier.IsRetryable(StatusCode, ErrorCode);

    private static string Describe(string service, string operation, HttpStatusCode status, string code, string? message, string? requestId)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{service} {operation} failed with HTTP {(int)status} {code}");
        if (!string.IsNullOrEmpty(message))
        {
            text += ": " + message;
        }

        return requestId is null ? text : text + " (request id " + requestId + ")";
    }
}
