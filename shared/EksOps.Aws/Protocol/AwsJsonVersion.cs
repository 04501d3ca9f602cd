namespace EksOps.Aws.Protocol;

/// <summary>The AWS JSON protocol version, which only changes the <c>Content-Type</c>.</summary>
public enum AwsJsonVersion
{
    /// <summary><c>application/x-amz-json-1.0</c> (CloudWatch, Step Functions, DynamoDB).</summary>
    Json10,

    /// <summary><c>application/x-amz-json-1.1</c> (CloudWatch Logs, EventBridge).</summary>
    Json11,
}
