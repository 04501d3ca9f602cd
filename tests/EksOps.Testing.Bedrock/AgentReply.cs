namespace EksOps.Testing.Bedrock;

/// <summary>What the fake answers one request with: a <see cref="StreamReply"/> or an <see cref="ErrorReply"/>.</summary>
public abstract record AgentReply;
