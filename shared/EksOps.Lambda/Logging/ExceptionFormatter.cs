namespace EksOps.Lambda.Logging;

/// <summary>Turns an exception into the list of lines Lambda's error and log formats carry.</summary>
internal static class ExceptionFormatter
{
    /// <summary>The non-empty lines of the exception's stack trace, trimmed.</summary>
    public static IEnumerable<string> StackLines(Exception exception)
    {
        var trace = exception.StackTrace;
        if (string.IsNullOrEmpty(trace))
        {
            yield break;
        }

        foreach (var line in trace.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                yield return trimmed;
            }
        }
    }

    /// <summary>
    /// The exception to report: an <see cref="AggregateException"/> with a single inner exception is reported as that
    /// inner exception, so a Step Functions <c>Catch</c> on its type name still matches.
    /// </summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception;
    }
}
