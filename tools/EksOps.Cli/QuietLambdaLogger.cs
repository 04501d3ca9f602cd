using EksOps.Lambda;

namespace EksOps.Cli;

/// <summary>Drops the per-call log lines of the tool registry, which would drown the evaluation's own output.</summary>
internal sealed class QuietLambdaLogger : ILambdaLogger
{
    public static QuietLambdaLogger Instance { get; } = new();

    public bool IsEnabled(LambdaLogLevel level) => false;

    public void Log(LambdaLogLevel level, string message, Exception? exception = null, IReadOnlyDictionary<string, string>? properties = null)
    {
        // Nothing: evaluation reports results, not tool calls.
    }
}
