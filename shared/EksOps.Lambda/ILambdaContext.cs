namespace EksOps.Lambda;

/// <summary>
/// What a handler knows about the invocation it is serving and the function it runs in.
/// </summary>
/// <remarks>
/// Per-invocation values come from the Lambda Runtime API's <c>/next</c> response headers; function-level values come
/// from the environment Lambda sets for a custom runtime:
/// <list type="table">
/// <listheader><term>Variable</term><description>Member</description></listheader>
/// <item><term><c>AWS_LAMBDA_FUNCTION_NAME</c></term><description><see cref="FunctionName"/></description></item>
/// <item><term><c>AWS_LAMBDA_FUNCTION_VERSION</c></term><description><see cref="FunctionVersion"/></description></item>
/// <item><term><c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c></term><description><see cref="MemoryLimitInMB"/></description></item>
/// <item><term><c>AWS_LAMBDA_LOG_GROUP_NAME</c></term><description><see cref="LogGroupName"/></description></item>
/// <item><term><c>AWS_LAMBDA_LOG_STREAM_NAME</c></term><description><see cref="LogStreamName"/></description></item>
/// </list>
/// </remarks>
public interface ILambdaContext
{
    /// <summary>The request id Lambda assigned to this invocation (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>The ARN used to invoke the function, including a version or alias qualifier when one was used.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>
    /// Time left before <see cref="Deadline"/>, never negative; <see cref="Timeout.InfiniteTimeSpan"/> when the Runtime
    /// API gave no deadline.
    /// </summary>
    TimeSpan RemainingTime { get; }

    /// <summary>
    /// Fires shortly before <see cref="Deadline"/>, so a handler can stop, report what it has and return an answer
    /// instead of being killed mid-write.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>The X-Ray trace header of this invocation, or an empty string; also set as <c>_X_AMZN_TRACE_ID</c>.</summary>
    string TraceId { get; }

    /// <summary>The tenant id of a multi-tenant function, or an empty string.</summary>
    string TenantId { get; }

    /// <summary>The client context passed by the caller; its <c>custom</c> map carries AgentCore Gateway's tool name.</summary>
    LambdaClientContext? ClientContext { get; }

    /// <summary>The Amazon Cognito identity of the caller, when the invocation came through the mobile SDK.</summary>
    CognitoIdentity? Identity { get; }

    /// <summary>The function's name.</summary>
    string FunctionName { get; }

    /// <summary>The function's version, <c>$LATEST</c> when unpublished.</summary>
    string FunctionVersion { get; }

    /// <summary>The memory configured for the function, in MB.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>The CloudWatch Logs group the function writes to.</summary>
    string LogGroupName { get; }

    /// <summary>The CloudWatch Logs stream of this execution environment.</summary>
    string LogStreamName { get; }

    /// <summary>A logger that stamps every line with this invocation's request id.</summary>
    ILambdaLogger Logger { get; }

    /// <summary>Metrics for this invocation, written as one CloudWatch Embedded Metric Format document when it ends.</summary>
    IMetrics Metrics { get; }
}
