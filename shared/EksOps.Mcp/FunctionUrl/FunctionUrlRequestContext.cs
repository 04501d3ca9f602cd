namespace EksOps.Mcp;

/// <summary>The <c>requestContext</c> of a Function URL event.</summary>
public sealed class FunctionUrlRequestContext
{
    /// <summary>The function owner's account id (<c>anonymous</c> for a URL with auth type NONE).</summary>
    public string? AccountId { get; init; }

    /// <summary>The request id Function URLs assign.</summary>
    public string? RequestId { get; init; }

    /// <summary>The URL's host, e.g. <c>abc123.lambda-url.eu-west-1.on.aws</c>.</summary>
    public string? DomainName { get; init; }

    /// <summary>The HTTP request line and client.</summary>
    public FunctionUrlHttp? Http { get; init; }

    /// <summary>The verified caller when the URL's auth type is <c>AWS_IAM</c>.</summary>
    public FunctionUrlAuthorizer? Authorizer { get; init; }
}
