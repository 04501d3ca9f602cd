namespace EksOps.Aws.Http;

/// <summary>One call to one AWS service: where it goes, how it is signed, and its name for errors.</summary>
/// <param name="EndpointPrefix">The service's endpoint prefix (<c>monitoring</c>, <c>logs</c>, <c>bedrock-agent-runtime</c>); selects the endpoint and its override.</param>
/// <param name="SigningName">The SigV4 service name (<c>monitoring</c>, <c>logs</c>, <c>bedrock</c>).</param>
/// <param name="Name">The operation, e.g. <c>GetMetricData</c>.</param>
public sealed record AwsOperation(string EndpointPrefix, string SigningName, string Name)
{
    /// <summary>
    /// Whether an attempt that sent its request but got no response in time is retried (default). Set it to
    /// <see langword="false"/> for calls whose work the service may already be doing, such as an agent turn, so a slow
    /// answer fails with a <see cref="TimeoutException"/> instead of starting the work again.
    /// </summary>
    public bool RetryAfterTimeout { get; init; } = true;
}
