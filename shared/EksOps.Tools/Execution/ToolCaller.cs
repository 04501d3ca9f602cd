namespace EksOps.Tools;

/// <summary>Who is calling, as the face established it (for logs and approval records; authentication is the face's job).</summary>
/// <param name="Identity">The caller's identity: an IAM principal ARN, a JWT subject or client id, a Bedrock agent id and alias.</param>
/// <param name="Face">The face the call came through.</param>
/// <param name="SessionId">The agent or MCP session, if any.</param>
public sealed record ToolCaller(string Identity, ToolFace Face, string? SessionId = null);
