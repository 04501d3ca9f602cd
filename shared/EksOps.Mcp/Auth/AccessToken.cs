namespace EksOps.Mcp.Auth;

/// <summary>A validated bearer token: who it speaks for and what it may do.</summary>
/// <param name="Subject">The <c>sub</c> claim, if any.</param>
/// <param name="ClientId">The <c>client_id</c> claim (Cognito access tokens), if any.</param>
/// <param name="Scopes">The granted scopes (<c>scope</c>, space-separated, or <c>scp</c>).</param>
internal sealed record AccessToken(string? Subject, string? ClientId, IReadOnlySet<string> Scopes)
{
    /// <summary>The caller as tool logs and approvals record it: the subject, else the client id.</summary>
    public string Identity => Subject ?? ClientId ?? "(unidentified token)";
}
