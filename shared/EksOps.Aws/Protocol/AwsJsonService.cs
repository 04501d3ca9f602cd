namespace EksOps.Aws.Protocol;

/// <summary>
/// An AWS service spoken over the AWS JSON protocol: <c>POST /</c> with <c>X-Amz-Target: &lt;TargetPrefix&gt;.&lt;Operation&gt;</c>
/// and <c>Content-Type: application/x-amz-json-1.x</c>. Values come from the service's botocore model
/// (<c>metadata.endpointPrefix</c>, <c>signingName</c>, <c>targetPrefix</c>, <c>jsonVersion</c>, <c>awsQueryCompatible</c>).
/// </summary>
/// <param name="EndpointPrefix">The endpoint prefix, e.g. <c>logs</c>.</param>
/// <param name="SigningName">The SigV4 service name.</param>
/// <param name="TargetPrefix">The <c>X-Amz-Target</c> prefix, e.g. <c>Logs_20140328</c>.</param>
/// <param name="Version">JSON 1.0 or 1.1.</param>
/// <param name="QueryCompatible">
/// The service migrated from the Query protocol (<c>awsQueryCompatible</c>): requests carry <c>x-amzn-query-mode: true</c>
/// and errors may carry the legacy code in <c>x-amzn-query-error</c>.
/// </param>
public sealed record AwsJsonService(string EndpointPrefix, string SigningName, string TargetPrefix, AwsJsonVersion Version, bool QueryCompatible = false)
{
    /// <summary>
    /// Amazon CloudWatch (<c>monitoring</c>, 2010-08-01) over AWS JSON 1.0.
    /// </summary>
    /// <remarks>
    /// CloudWatch's model lists three protocols: <c>smithy-rpc-v2-cbor</c> (botocore's default), <c>json</c> and
    /// <c>query</c>. JSON 1.0 is the one that works against both real AWS and moto 5.2.1: moto has no CBOR parser at
    /// all, and it parses and answers CloudWatch's JSON 1.0 (the AWS CLI v1 uses it too); AWS has served it since
    /// CloudWatch became awsQueryCompatible. It also needs no XML or CBOR codec: bodies go through the same
    /// source-generated System.Text.Json context as Logs, and errors through the same parser.
    /// </remarks>
    public static AwsJsonService CloudWatch { get; } =
        new("monitoring", "monitoring", "GraniteServiceVersion20100801", AwsJsonVersion.Json10, QueryCompatible: true);

    /// <summary>Amazon CloudWatch Logs (<c>logs</c>, 2014-03-28) over AWS JSON 1.1.</summary>
    public static AwsJsonService CloudWatchLogs { get; } =
        new("logs", "logs", "Logs_20140328", AwsJsonVersion.Json11);

    /// <summary>The <c>Content-Type</c> of requests.</summary>
    public string ContentType => Version == AwsJsonVersion.Json10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}
