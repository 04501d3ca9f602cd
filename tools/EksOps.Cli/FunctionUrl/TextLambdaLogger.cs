using System.Globalization;
using EksOps.Lambda;

namespace EksOps.Cli.FunctionUrl;

/// <summary>The function's log lines on the terminal: time, level, message (and the exception), Information and up.</summary>
internal sealed class TextLambdaLogger(TextWriter output) : ILambdaLogger
{
    private readonly Lock _writing = new();

    public bool IsEnabled(LambdaLogLevel level) => level >= LambdaLogLevel.Information;

    public void Log(LambdaLogLevel level, string message, Exception? exception = null, IReadOnlyDictionary<string, string>? properties = null)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {level.ToString().ToUpperInvariant(),-11} {message}");
        lock (_writing)
        {
            output.WriteLine(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
            output.Flush();
        }
    }
}
