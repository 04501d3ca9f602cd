namespace EksOps.Aws.Sts;

/// <summary>A role to assume with STS <c>AssumeRole</c>.</summary>
public sealed record AssumeRoleRequest
{
    /// <summary>The role, e.g. <c>arn:aws:iam::111122223333:role/eksops-reader</c>.</summary>
    public required string RoleArn { get; init; }

    /// <summary>
    /// The session name (2–64 characters of <c>[\w+=,.@-]</c>); it appears in the assumed-role ARN, CloudTrail, and
    /// the Kubernetes user name EKS maps the role to. Default <c>eksops</c>.
    /// </summary>
    public string RoleSessionName { get; init; } = "eksops";

    /// <summary>How long the credentials last: 15 minutes to the role's maximum (1 hour when chaining roles). Null: the service's default of 1 hour.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The external id the role's trust policy requires, if any.</summary>
    public string? ExternalId { get; init; }

    /// <summary>An inline session policy that narrows the role's permissions, if any.</summary>
    public string? Policy { get; init; }
}
