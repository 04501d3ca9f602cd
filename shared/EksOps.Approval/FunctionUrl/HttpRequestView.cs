using System.Text;
using EksOps.Mcp;

namespace EksOps.Approval.FunctionUrl;

/// <summary>A Function URL event read as an HTTP request: method, path, case-insensitive headers, the decoded body.</summary>
internal sealed class HttpRequestView
{
    private readonly FunctionUrlRequest _event;
    private readonly Dictionary<string, string> _headers;

    public HttpRequestView(FunctionUrlRequest functionUrlEvent)
    {
        _event = functionUrlEvent;
        _headers = new Dictionary<string, string>(functionUrlEvent.Headers ?? [], StringComparer.OrdinalIgnoreCase);
        Method = functionUrlEvent.RequestContext?.Http?.Method?.ToUpperInvariant();
        Path = functionUrlEvent.RawPath ?? functionUrlEvent.RequestContext?.Http?.Path ?? "/";
    }

    /// <summary>The method, upper case; <see langword="null"/> when the event has none.</summary>
    public string? Method { get; }

    public string Path { get; }

    public string Query => _event.RawQueryString ?? string.Empty;

    /// <summary>The last segment of the path (<c>decide</c>, <c>decisions</c>), whatever prefix a proxy put before it.</summary>
    public string Route => Path.TrimEnd('/').Split('/')[^1];

    public string? SourceIp => _event.RequestContext?.Http?.SourceIp;

    /// <summary>The IAM caller Lambda verified (auth type AWS_IAM); absent with auth type NONE, and no client can forge it.</summary>
    public string? IamCaller => _event.RequestContext?.Authorizer?.Iam?.UserArn;

    /// <summary>The media type of the body, lower case, without parameters.</summary>
    public string? ContentType => Header("content-type")?.Split(';')[0].Trim().ToLowerInvariant() is { Length: > 0 } type ? type : null;

    /// <summary>The body size without decoding it (base64 carries 3 bytes in 4 characters), to refuse oversized bodies cheaply.</summary>
    public long BodyLength => _event.Body is null ? 0
        : _event.IsBase64Encoded ? _event.Body.Length / 4L * 3 : Encoding.UTF8.GetByteCount(_event.Body);

    /// <summary>Whether the client asked for JSON rather than a page: a JSON body, or an Accept that names JSON and not HTML.</summary>
    public bool WantsJson =>
        ContentType == "application/json"
        || (Header("accept") is { } accept
            && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    public string? Header(string name) => _headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The body as UTF-8 text; <see langword="null"/> when a base64 body is not valid base64 or the bytes are not UTF-8.</summary>
    public string? ReadBody()
    {
        if (_event.Body is null)
        {
            return string.Empty;
        }

        if (!_event.IsBase64Encoded)
        {
            return _event.Body;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(_event.Body));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }
}
