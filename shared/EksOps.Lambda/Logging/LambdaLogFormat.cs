namespace EksOps.Lambda;

/// <summary>How log lines are written, per the function's <c>LoggingConfig.LogFormat</c> (<c>AWS_LAMBDA_LOG_FORMAT</c>).</summary>
public enum LambdaLogFormat
{
    /// <summary>Tab-separated text: <c>timestamp, request id, level, message</c>.</summary>
    Text,

    /// <summary>One JSON object per line with <c>timestamp</c>, <c>level</c>, <c>requestId</c> and <c>message</c>.</summary>
    Json,
}
