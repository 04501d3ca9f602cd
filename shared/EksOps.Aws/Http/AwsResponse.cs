using System.Net;
using System.Net.Http.Headers;

namespace EksOps.Aws.Http;

/// <summary>A successful (2xx) AWS response, read whole.</summary>
public sealed class AwsResponse
{
    internal AwsResponse(HttpStatusCode statusCode, HttpResponseHeaders headers, byte[] body, int attempts)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        Attempts = attempts;
        RequestId = headers.TryGetValues("x-amzn-RequestId", out var ids) || headers.TryGetValues("x-amz-request-id", out ids)
            ? ids.FirstOrDefault()
            : null;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The body (empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The AWS request id, if the response carried one.</summary>
    public string? RequestId { get; }

    /// <summary>How many attempts it took.</summary>
    public int Attempts { get; }
}
