using System.Text;

namespace EksOps.Lambda.Testing;

/// <summary>One HTTP request the runtime made to a <see cref="RuntimeApiServer"/>, and the status it got.</summary>
public sealed class RuntimeApiRequest
{
    internal RuntimeApiRequest(
        string method,
        string target,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        long bodyLength,
        int statusCode,
        string? requestId,
        DateTimeOffset receivedAt)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
        BodyLength = bodyLength;
        StatusCode = statusCode;
        RequestId = requestId;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request target as sent (path and query, still URL-encoded).</summary>
    public string Target { get; }

    /// <summary>The request headers; names compare case-insensitively, repeated headers are joined with <c>,</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body (for a response over the size limit, only the part the server kept).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary><see cref="Body"/> decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>How many body bytes the runtime sent.</summary>
    public long BodyLength { get; }

    /// <summary>The status the server answered with.</summary>
    public int StatusCode { get; }

    /// <summary>The request id: the one in the path of a <c>POST</c> (URL-decoded), or the one <c>GET /next</c> handed out.</summary>
    public string? RequestId { get; }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Target} -> {StatusCode}";
}
