namespace EksOps.Aws.Sts;

/// <summary>What <c>AssumeRole</c> returned.</summary>
public sealed record AssumeRoleResult
{
    /// <summary>The temporary credentials.</summary>
    public required TemporaryCredentials Credentials { get; init; }

    /// <summary>The assumed-role ARN, e.g. <c>arn:aws:sts::111122223333:assumed-role/eksops-reader/eksops</c>.</summary>
    public string? AssumedRoleArn { get; init; }

    /// <summary>The assumed-role id, e.g. <c>AROA…:eksops</c>.</summary>
    public string? AssumedRoleId { get; init; }
}
