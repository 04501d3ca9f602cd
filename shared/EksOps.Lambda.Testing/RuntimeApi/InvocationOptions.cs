namespace EksOps.Lambda.Testing;

/// <summary>How <see cref="RuntimeApiServer.InvokeAsync(ReadOnlyMemory{byte}, InvocationOptions?, CancellationToken)"/> presents one invocation to the runtime.</summary>
public sealed class InvocationOptions
{
    /// <summary>The function timeout: the deadline sent in <c>Lambda-Runtime-Deadline-Ms</c> is this long after the
    /// runtime received the invocation from <c>GET /next</c>, as on Lambda. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The request id (<c>Lambda-Runtime-Aws-Request-Id</c>); default a fresh GUID.</summary>
    public string? RequestId { get; init; }

    /// <summary>The invoked ARN (<c>Lambda-Runtime-Invoked-Function-Arn</c>); default <see cref="RuntimeApiServerOptions.FunctionArn"/>.</summary>
    public string? FunctionArn { get; init; }

    /// <summary>
    /// The X-Ray header (<c>Lambda-Runtime-Trace-Id</c>). Default (<see langword="null"/>): a fresh
    /// <c>Root=1-…;Parent=…;Sampled=0</c> header, as Lambda always sends one; an empty string omits the header.
    /// </summary>
    public string? TraceId { get; init; }

    /// <summary>The client context JSON (<c>Lambda-Runtime-Client-Context</c>), e.g. <c>{"custom":{"bedrockAgentCoreToolName":"t"}}</c>; sent verbatim.</summary>
    public string? ClientContext { get; init; }

    /// <summary>The Cognito identity JSON (<c>Lambda-Runtime-Cognito-Identity</c>); sent verbatim.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>The tenant id (<c>Lambda-Runtime-Aws-Tenant-Id</c>) of a multi-tenant function.</summary>
    public string? TenantId { get; init; }
}
