namespace EksOps.Aws.Sts;

/// <summary>Who the credentials belong to (<c>GetCallerIdentity</c>).</summary>
/// <param name="Account">The 12-digit account id.</param>
/// <param name="Arn">The user or assumed-role ARN.</param>
/// <param name="UserId">The unique id of the user or role (for a role session, <c>AROA…:session</c>).</param>
public sealed record CallerIdentity(string Account, string Arn, string UserId);
