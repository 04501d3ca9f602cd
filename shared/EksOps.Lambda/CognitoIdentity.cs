namespace EksOps.Lambda;

/// <summary>The Amazon Cognito identity of the caller (<c>Lambda-Runtime-Cognito-Identity</c>).</summary>
/// <param name="IdentityId">JSON <c>cognitoIdentityId</c>.</param>
/// <param name="IdentityPoolId">JSON <c>cognitoIdentityPoolId</c>.</param>
public sealed record CognitoIdentity(string? IdentityId, string? IdentityPoolId);
