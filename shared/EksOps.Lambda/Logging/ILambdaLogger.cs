namespace EksOps.Lambda;

/// <summary>Writes log lines to the function's log stream. <see cref="LambdaLoggerExtensions"/> adds one method per level.</summary>
public interface ILambdaLogger
{
    /// <summary>Whether a line at <paramref name="level"/> would be written under the configured minimum level.</summary>
    /// <param name="level">The level to test.</param>
    /// <returns><see langword="true"/> when lines at that level are written.</returns>
    bool IsEnabled(LambdaLogLevel level);

    /// <summary>Writes one log line, if <paramref name="level"/> is enabled.</summary>
    /// <param name="level">The line's level.</param>
    /// <param name="message">The message; newlines are kept inside the one log event.</param>
    /// <param name="exception">An exception to record with the line (type, message and stack trace).</param>
    /// <param name="properties">Extra keys for JSON lines (ignored keys: the standard ones); appended as <c>key=value</c> in text.</param>
    void Log(
        LambdaLogLevel level,
        string message,
        Exception? exception = null,
        IReadOnlyDictionary<string, string>? properties = null);
}
