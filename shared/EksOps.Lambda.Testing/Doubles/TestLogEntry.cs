namespace EksOps.Lambda.Testing;

/// <summary>One call to <see cref="ILambdaLogger.Log"/> that <see cref="TestLambdaLogger"/> recorded.</summary>
/// <param name="Level">The level of the line.</param>
/// <param name="Message">The message.</param>
/// <param name="Exception">The exception passed with the line, if any.</param>
/// <param name="Properties">The structured properties passed with the line, if any.</param>
public sealed record TestLogEntry(
    LambdaLogLevel Level,
    string Message,
    Exception? Exception,
    IReadOnlyDictionary<string, string>? Properties);
