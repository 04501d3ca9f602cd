namespace EksOps.Lambda;

/// <summary>One method per level over <see cref="ILambdaLogger.Log"/>.</summary>
public static class LambdaLoggerExtensions
{
    /// <summary>Writes a <see cref="LambdaLogLevel.Trace"/> line.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message.</param>
    public static void LogTrace(this ILambdaLogger logger, string message) =>
        logger.Log(LambdaLogLevel.Trace, message);

    /// <summary>Writes a <see cref="LambdaLogLevel.Debug"/> line.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message.</param>
    public static void LogDebug(this ILambdaLogger logger, string message) =>
        logger.Log(LambdaLogLevel.Debug, message);

    /// <summary>Writes a <see cref="LambdaLogLevel.Information"/> line.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message.</param>
    /// <param name="properties">Extra structured keys.</param>
    public static void LogInformation(
        this ILambdaLogger logger, string message, IReadOnlyDictionary<string, string>? properties = null) =>
        logger.Log(LambdaLogLevel.Information, message, properties: properties);

    /// <summary>Writes a <see cref="LambdaLogLevel.Warning"/> line.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message.</param>
    /// <param name="exception">An optional exception to record.</param>
    public static void LogWarning(this ILambdaLogger logger, string message, Exception? exception = null) =>
        logger.Log(LambdaLogLevel.Warning, message, exception);

    /// <summary>Writes a <see cref="LambdaLogLevel.Error"/> line.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message.</param>
    /// <param name="exception">An optional exception to record.</param>
    public static void LogError(this ILambdaLogger logger, string message, Exception? exception = null) =>
        logger.Log(LambdaLogLevel.Error, message, exception);

    /// <summary>Writes a <see cref="LambdaLogLevel.Critical"/> line.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message.</param>
    /// <param name="exception">An optional exception to record.</param>
    public static void LogCritical(this ILambdaLogger logger, string message, Exception? exception = null) =>
        logger.Log(LambdaLogLevel.Critical, message, exception);
}
