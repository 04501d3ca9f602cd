using System.Text;
using System.Text.Json;

namespace EksOps.Lambda.Testing;

/// <summary>What the runtime posted to <c>/runtime/init/error</c>.</summary>
public sealed class InitError
{
    internal InitError(ReadOnlyMemory<byte> payload, string? contentType, string? errorTypeHeader, DateTimeOffset receivedAt)
    {
        Payload = payload;
        ContentType = contentType;
        ErrorTypeHeader = errorTypeHeader;
        ReceivedAt = receivedAt;
        var fields = ErrorFields.Parse(payload.Span);
        ErrorType = fields.ErrorType;
        ErrorMessage = fields.ErrorMessage;
        StackTrace = fields.StackTrace;
        ErrorDocument = fields.Document;
    }

    /// <summary>The request body.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary><see cref="Payload"/> decoded as UTF-8.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload.Span);

    /// <summary>The request's <c>Content-Type</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header.</summary>
    public string? ErrorTypeHeader { get; }

    /// <summary>The body's <c>errorType</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The body's <c>errorMessage</c>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The body's <c>stackTrace</c>; empty when there is none.</summary>
    public IReadOnlyList<string> StackTrace { get; }

    /// <summary>The body, when it is a JSON object.</summary>
    public JsonElement? ErrorDocument { get; }

    /// <summary>When the server received it.</summary>
    public DateTimeOffset ReceivedAt { get; }
}
