using System.Globalization;

namespace EksOps.Lambda;

/// <summary>The function-level settings Lambda gives a custom runtime through environment variables.</summary>
internal sealed record LambdaEnvironment(
    string? RuntimeApi,
    string FunctionName,
    string FunctionVersion,
    int MemoryLimitInMB,
    string LogGroupName,
    string LogStreamName,
    LambdaLogFormat LogFormat,
    LambdaLogLevel MinimumLogLevel,
    string? UnknownLogLevel,
    string MetricsNamespace,
    string ServiceName,
    bool MetricsDisabled)
{
    public const string DefaultMetricsNamespace = "EksOps";

    /// <summary>Reads the settings through <paramref name="variable"/> (the process environment in production).</summary>
    public static LambdaEnvironment Read(Func<string, string?> variable)
    {
        var functionName = variable("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty;
        var levelSetting = variable("AWS_LAMBDA_LOG_LEVEL");
        var level = Logging.LambdaLogger.ParseLevel(levelSetting);
        _ = int.TryParse(variable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory);
        return new LambdaEnvironment(
            RuntimeApi: variable("AWS_LAMBDA_RUNTIME_API"),
            FunctionName: functionName,
            FunctionVersion: variable("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
            MemoryLimitInMB: memory,
            LogGroupName: variable("AWS_LAMBDA_LOG_GROUP_NAME") ?? string.Empty,
            LogStreamName: variable("AWS_LAMBDA_LOG_STREAM_NAME") ?? string.Empty,
            LogFormat: Logging.LambdaLogger.ParseFormat(variable("AWS_LAMBDA_LOG_FORMAT")),
            MinimumLogLevel: level ?? LambdaLogLevel.Information,
            UnknownLogLevel: level is null && !string.IsNullOrWhiteSpace(levelSetting) ? levelSetting : null,
            MetricsNamespace: NonEmpty(variable("EKSOPS_METRICS_NAMESPACE")) ?? DefaultMetricsNamespace,
            ServiceName: NonEmpty(variable("EKSOPS_SERVICE_NAME")) ?? NonEmpty(functionName) ?? "eksops",
            MetricsDisabled: string.Equals(variable("EKSOPS_METRICS_DISABLED"), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
