using EksOps.Lambda;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace EksOps.Mcp.Protocol;

/// <summary>Routes the SDK's <see cref="ILogger"/> output into the invocation's <see cref="ILambdaLogger"/>.</summary>
internal sealed class LambdaLoggerFactory(ILambdaLogger logger) : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logger.IsEnabled(Map(logLevel));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        // The SDK logs a handler's McpProtocolException (an unknown tool, invalid params) as an error; it is the
        // client's mistake, answered with a JSON-RPC error, so it is not the function's error.
        var level = exception is McpProtocolException ? LambdaLogLevel.Debug : Map(logLevel);
        if (logLevel != LogLevel.None && logger.IsEnabled(level))
        {
            logger.Log(level, $"mcp: {formatter(state, exception)}", exception);
        }
    }

    public void Dispose()
    {
    }

    // The SDK logs every request and response at Information; for a function that is per-call chatter, so it is Debug here.
    private static LambdaLogLevel Map(LogLevel level) => level switch
    {
        LogLevel.Trace => LambdaLogLevel.Trace,
        LogLevel.Debug or LogLevel.Information => LambdaLogLevel.Debug,
        LogLevel.Warning => LambdaLogLevel.Warning,
        LogLevel.Error => LambdaLogLevel.Error,
        _ => LambdaLogLevel.Critical,
    };
}
