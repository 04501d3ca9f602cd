namespace EksOps.Mcp;

/// <summary>The <c>requestContext.http</c> of a Function URL event.</summary>
public sealed class FunctionUrlHttp
{
    /// <summary>The HTTP method, upper case.</summary>
    public string? Method { get; init; }

    /// <summary>The request path.</summary>
    public string? Path { get; init; }

    /// <summary>The HTTP protocol, e.g. <c>HTTP/1.1</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>The client's IP address.</summary>
    public string? SourceIp { get; init; }

    /// <summary>The client's <c>User-Agent</c>.</summary>
    public string? UserAgent { get; init; }
}
