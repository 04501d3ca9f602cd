using System.Text;
using System.Text.Json;

namespace EksOps.Lambda.Testing;

/// <summary>How one invocation ended, as the caller of Lambda's <c>Invoke</c> would see it, plus what went over the wire.</summary>
public sealed class InvocationResult
{
    internal InvocationResult(
        string requestId,
        bool isError,
        ReadOnlyMemory<byte> payload,
        string? contentType,
        string? errorTypeHeader,
        DateTimeOffset? deliveredAt,
        DateTimeOffset? deadline,
        DateTimeOffset completedAt)
    {
        RequestId = requestId;
        IsError = isError;
        Payload = payload;
        ContentType = contentType;
        ErrorTypeHeader = errorTypeHeader;
        DeliveredAt = deliveredAt;
        Deadline = deadline;
        CompletedAt = completedAt;
        var fields = isError ? ErrorFields.Parse(payload.Span) : ErrorFields.None;
        ErrorType = fields.ErrorType;
        ErrorMessage = fields.ErrorMessage;
        StackTrace = fields.StackTrace;
        ErrorDocument = fields.Document;
    }

    /// <summary>The invocation's request id.</summary>
    public string RequestId { get; }

    /// <summary>Whether the invocation failed: the runtime posted to <c>/error</c>, the response was too large, the
    /// invocation timed out, or initialization had failed.</summary>
    public bool IsError { get; }

    /// <summary>The response body, or the error document when <see cref="IsError"/>.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary><see cref="Payload"/> decoded as UTF-8.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload.Span);

    /// <summary>The <c>Content-Type</c> the runtime sent with the answer; <see langword="null"/> for a result the server made up (timeout, size, init failure).</summary>
    public string? ContentType { get; }

    /// <summary>The <c>errorType</c> of the error document (<c>Sandbox.Timeout</c>, <c>Function.ResponseSizeTooLarge</c> for failures the platform reports).</summary>
    public string? ErrorType { get; }

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header the runtime sent to <c>/error</c>.</summary>
    public string? ErrorTypeHeader { get; }

    /// <summary>The <c>errorMessage</c> of the error document.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The <c>stackTrace</c> of the error document; empty when there is none.</summary>
    public IReadOnlyList<string> StackTrace { get; }

    /// <summary>The error document, when <see cref="Payload"/> is a JSON object (for <c>cause</c>, <c>causes</c> and other members).</summary>
    public JsonElement? ErrorDocument { get; }

    /// <summary>When <c>GET /next</c> handed the invocation to the runtime; <see langword="null"/> if it never did.</summary>
    public DateTimeOffset? DeliveredAt { get; }

    /// <summary>The deadline sent in <c>Lambda-Runtime-Deadline-Ms</c> (whole milliseconds); <see langword="null"/> if never delivered.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>When the invocation ended.</summary>
    public DateTimeOffset CompletedAt { get; }

    /// <inheritdoc />
    public override string ToString() =>
        IsError ? $"{RequestId}: error {ErrorType}: {ErrorMessage}" : $"{RequestId}: {PayloadText}";
}
