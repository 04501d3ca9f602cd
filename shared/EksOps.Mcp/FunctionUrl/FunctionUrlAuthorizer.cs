namespace EksOps.Mcp;

/// <summary>The <c>requestContext.authorizer</c> of a Function URL event.</summary>
public sealed class FunctionUrlAuthorizer
{
    /// <summary>The SigV4-verified IAM caller (auth type <c>AWS_IAM</c>).</summary>
    public FunctionUrlIamIdentity? Iam { get; init; }
}
