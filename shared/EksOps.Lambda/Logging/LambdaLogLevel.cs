namespace EksOps.Lambda;

/// <summary>
/// Log levels, in the order Lambda's application log-level filter uses. The names Lambda reads from
/// <c>AWS_LAMBDA_LOG_LEVEL</c> and from the <c>level</c> key of a JSON log line are given per member.
/// </summary>
public enum LambdaLogLevel
{
    /// <summary><c>TRACE</c>: step-by-step detail.</summary>
    Trace = 0,

    /// <summary><c>DEBUG</c>: detail useful while investigating.</summary>
    Debug = 1,

    /// <summary><c>INFO</c>: what happened, in normal operation.</summary>
    Information = 2,

    /// <summary><c>WARN</c>: something unexpected that the function handled.</summary>
    Warning = 3,

    /// <summary><c>ERROR</c>: an invocation failed.</summary>
    Error = 4,

    /// <summary><c>FATAL</c>: the runtime cannot go on.</summary>
    Critical = 5,
}
