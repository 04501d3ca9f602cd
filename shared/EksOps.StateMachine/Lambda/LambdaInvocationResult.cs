using System.Text.Json;

namespace EksOps.StateMachine.Lambda;

/// <summary>How a Lambda invocation ended: the function's output, or its error document.</summary>
public sealed class LambdaInvocationResult
{
    /// <summary>The error name when a function error has no <c>errorType</c> (what Step Functions reports for unhandled platform failures).</summary>
    public const string UnknownErrorType = "Lambda.Unknown";

    private LambdaInvocationResult(bool isFunctionError, string payload, string? errorType, string executedVersion)
    {
        IsFunctionError = isFunctionError;
        Payload = payload;
        ErrorType = errorType;
        ExecutedVersion = executedVersion;
    }

    /// <summary>Whether the function failed (Lambda's <c>X-Amz-Function-Error</c>).</summary>
    public bool IsFunctionError { get; }

    /// <summary>The function's output, or the error document when <see cref="IsFunctionError"/>.</summary>
    public string Payload { get; }

    /// <summary>The error name for a function error: the given type, else the document's <c>errorType</c>, else <see cref="UnknownErrorType"/>; null on success.</summary>
    public string? ErrorType { get; }

    /// <summary>The function version that ran (<c>X-Amz-Executed-Version</c>).</summary>
    public string ExecutedVersion { get; }

    /// <summary>A successful invocation.</summary>
    /// <param name="payload">The function's output (normally JSON; text that is not JSON becomes a JSON string).</param>
    /// <param name="executedVersion">The version that ran; default <c>$LATEST</c>.</param>
    /// <returns>The result.</returns>
    public static LambdaInvocationResult Success(string payload, string executedVersion = "$LATEST")
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentException.ThrowIfNullOrEmpty(executedVersion);
        return new LambdaInvocationResult(false, payload, null, executedVersion);
    }

    /// <summary>A function error.</summary>
    /// <param name="errorDocument">The error document (<c>{"errorType", "errorMessage", "stackTrace", …}</c>); it becomes the Task error's cause verbatim.</param>
    /// <param name="errorType">The error name; null reads <c>errorType</c> from the document (and falls back to <see cref="UnknownErrorType"/>).</param>
    /// <param name="executedVersion">The version that ran; default <c>$LATEST</c>.</param>
    /// <returns>The result.</returns>
    public static LambdaInvocationResult FunctionError(string errorDocument, string? errorType = null, string executedVersion = "$LATEST")
    {
        ArgumentNullException.ThrowIfNull(errorDocument);
        ArgumentException.ThrowIfNullOrEmpty(executedVersion);
        var type = string.IsNullOrEmpty(errorType) ? ErrorTypeOf(errorDocument) ?? UnknownErrorType : errorType;
        return new LambdaInvocationResult(true, errorDocument, type, executedVersion);
    }

    private static string? ErrorTypeOf(string document)
    {
        try
        {
            using var parsed = JsonDocument.Parse(document);
            return parsed.RootElement.ValueKind == JsonValueKind.Object
                && parsed.RootElement.TryGetProperty("errorType", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() is { Length: > 0 } name
                ? name
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
