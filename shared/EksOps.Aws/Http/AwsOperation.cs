namespace EksOps.Aws.Http;

/// <summary>One call to one AWS service: where it goes, how it is signed, and its name for errors.</summary>
/// <param name="EndpointPrefix">The service's endpoint prefix (<c>monitoring</c>, <c>logs</c>, <c>bedrock-agent-runtime</c>); selects the endpoint and its override.</param>
/// <param name="SigningName">The SigV4 service name (<c>monitoring</c>, <c>logs</c>, <c>bedrock</c>).</param>
/// <param name="Name">The operation, e.g. <c>GetMetricData</c>.</param>
public sealed record AwsOperation(string EndpointPrefix, string SigningName, string Name);
