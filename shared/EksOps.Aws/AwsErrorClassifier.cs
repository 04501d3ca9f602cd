using System.Net;

namespace EksOps.Aws;

/// <summary>Which AWS errors are throttling and which are worth retrying; the lists follow botocore's standard retry mode.</summary>
internal static class AwsErrorClassifier
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        "InternalFailure",
        "InternalError",
        "InternalServiceError",
        "ServiceUnavailable",
        "ServiceUnavailableException",
    };

    public static bool IsThrottling(HttpStatusCode status, string code) =>
        status == HttpStatusCode.TooManyRequests || ThrottlingCodes.Contains(code);

    public static bool IsRetryable(HttpStatusCode status, string code) =>
        IsThrottling(status, code)
        || TransientCodes.Contains(code)
        || status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
