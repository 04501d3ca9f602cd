namespace EksOps.Simulation.CloudWatch;

/// <summary>One request the simulator answered, for tests to assert what was asked.</summary>
/// <param name="Service">The endpoint prefix of the service: <c>monitoring</c>, <c>logs</c>, or empty when the target was not recognized.</param>
/// <param name="Operation">The operation from <c>X-Amz-Target</c>, for example <c>GetMetricData</c>; empty when there was none.</param>
/// <param name="Body">The request body as received (JSON).</param>
/// <param name="StatusCode">The HTTP status answered.</param>
public sealed record RecordedCloudWatchRequest(string Service, string Operation, string Body, int StatusCode)
{
    /// <summary>The error code answered (the <c>__type</c> without its namespace), or null on success.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The access key id from the SigV4 credential scope, or null when the request was not signed.</summary>
    public string? AccessKeyId { get; init; }
}
