namespace EksOps.Mcp;

/// <summary>
/// A Lambda Function URL request event, payload format 2.0 (the fields this face reads). Lambda lower-cases header
/// names and joins repeated headers with commas; a body whose content type is not text arrives base64-encoded.
/// </summary>
public sealed class FunctionUrlRequest
{
    /// <summary>The payload format version, <c>2.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The request path, as sent (not URL-decoded).</summary>
    public string? RawPath { get; init; }

    /// <summary>The query string without the leading <c>?</c>, or an empty string.</summary>
    public string? RawQueryString { get; init; }

    /// <summary>The request headers, names lower-cased, repeated headers joined with commas.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>What Lambda knows about the request: method, source address, the IAM caller.</summary>
    public FunctionUrlRequestContext? RequestContext { get; init; }

    /// <summary>The body, as text or (when <see cref="IsBase64Encoded"/>) base64.</summary>
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    public bool IsBase64Encoded { get; init; }
}
