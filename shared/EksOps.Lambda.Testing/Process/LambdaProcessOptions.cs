namespace EksOps.Lambda.Testing;

/// <summary>What <see cref="LambdaProcess"/> starts and the Lambda environment it gives the process.</summary>
public sealed class LambdaProcessOptions
{
    /// <summary>The executable (a Native AOT <c>bootstrap</c>, a script) or a <c>.dll</c>, which is run with <c>dotnet</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Arguments after <see cref="Path"/>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The working directory (Lambda's is <c>/var/task</c>); default the directory of <see cref="Path"/>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_NAME</c>; default <c>test-function</c>.</summary>
    public string FunctionName { get; init; } = TestLambdaContext.DefaultFunctionName;

    /// <summary><c>AWS_LAMBDA_FUNCTION_VERSION</c>; default <c>$LATEST</c>.</summary>
    public string FunctionVersion { get; init; } = "$LATEST";

    /// <summary><c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> in MB; default 256.</summary>
    public int MemorySizeMB { get; init; } = 256;

    /// <summary><c>AWS_LAMBDA_LOG_GROUP_NAME</c>; default <c>/aws/lambda/</c> and the function name.</summary>
    public string? LogGroupName { get; init; }

    /// <summary><c>AWS_LAMBDA_LOG_STREAM_NAME</c>; default a stream name shaped like Lambda's.</summary>
    public string? LogStreamName { get; init; }

    /// <summary><c>AWS_REGION</c> and <c>AWS_DEFAULT_REGION</c>; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary><c>AWS_LAMBDA_LOG_FORMAT</c>: <c>Text</c> (default) or <c>JSON</c>.</summary>
    public string LogFormat { get; init; } = "Text";

    /// <summary><c>AWS_LAMBDA_LOG_LEVEL</c>; not set by default.</summary>
    public string? LogLevel { get; init; }

    /// <summary><c>_HANDLER</c>; not set by default.</summary>
    public string? Handler { get; init; }

    /// <summary>
    /// Whether the child inherits this process's environment (needed for <c>dotnet</c> to find itself). Inherited
    /// <c>AWS_*</c>, <c>_X_AMZN_TRACE_ID</c> and <c>_HANDLER</c> variables are always removed, so the developer's
    /// credentials and profile never reach the function. Default <see langword="true"/>.
    /// </summary>
    public bool InheritEnvironment { get; init; } = true;

    /// <summary>More variables, applied last (they override the ones above); a <see langword="null"/> value removes a variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
