namespace EksOps.Mcp;

/// <summary>The IAM caller of a Function URL whose auth type is <c>AWS_IAM</c>; Lambda verified the SigV4 signature.</summary>
public sealed class FunctionUrlIamIdentity
{
    /// <summary>The caller's access key id.</summary>
    public string? AccessKey { get; init; }

    /// <summary>The caller's account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>The caller's unique id.</summary>
    public string? CallerId { get; init; }

    /// <summary>The caller's principal ARN (an assumed-role session ARN for role credentials).</summary>
    public string? UserArn { get; init; }

    /// <summary>The caller's user id.</summary>
    public string? UserId { get; init; }
}
