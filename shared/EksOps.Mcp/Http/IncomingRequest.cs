using System.Text;

namespace EksOps.Mcp.Http;

/// <summary>A Function URL event read as an HTTP request: method, path, case-insensitive headers, the decoded body.</summary>
internal sealed class IncomingRequest
{
    private readonly FunctionUrlRequest _event;
    private readonly Dictionary<string, string> _headers;

    public IncomingRequest(FunctionUrlRequest functionUrlEvent)
    {
        _event = functionUrlEvent;
        _headers = new Dictionary<string, string>(functionUrlEvent.Headers ?? [], StringComparer.OrdinalIgnoreCase);
        Method = (functionUrlEvent.RequestContext?.Http?.Method ?? "GET").ToUpperInvariant();
        Path = functionUrlEvent.RawPath ?? functionUrlEvent.RequestContext?.Http?.Path ?? "/";
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>The host the client called: the Function URL's domain (the emulator sets it to host:port).</summary>
    public string Host => _event.RequestContext?.DomainName ?? Header("host") ?? "localhost";

    public string? SourceIp => _event.RequestContext?.Http?.SourceIp;

    /// <summary>The IAM caller Lambda verified (auth type AWS_IAM).</summary>
    public string? IamCaller => _event.RequestContext?.Authorizer?.Iam?.UserArn;

    /// <summary>The body size without decoding it (base64 carries 3 bytes in 4 characters), to refuse oversized bodies cheaply.</summary>
    public long BodyLength => _event.Body is null ? 0
        : _event.IsBase64Encoded ? _event.Body.Length / 4L * 3 : Encoding.UTF8.GetByteCount(_event.Body);

    public string? Header(string name) => _headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The body bytes; <see langword="null"/> when a base64 body is not valid base64.</summary>
    public byte[]? ReadBody()
    {
        if (_event.Body is null)
        {
            return [];
        }

        if (!_event.IsBase64Encoded)
        {
            return Encoding.UTF8.GetBytes(_event.Body);
        }

        try
        {
            return Convert.FromBase64String(_event.Body);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
