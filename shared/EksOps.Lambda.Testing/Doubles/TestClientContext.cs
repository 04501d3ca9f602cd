namespace EksOps.Lambda.Testing;

/// <summary>Builds <see cref="LambdaClientContext"/> values for <see cref="TestLambdaContext.ClientContext"/>.</summary>
public static class TestClientContext
{
    /// <summary>The <c>custom</c> key AgentCore Gateway sets to the tool being called.</summary>
    public const string AgentCoreToolNameKey = "bedrockAgentCoreToolName";

    /// <summary>A client context with the given maps.</summary>
    /// <param name="custom">The <c>custom</c> map; empty when omitted.</param>
    /// <param name="environment">The <c>env</c> map; empty when omitted.</param>
    /// <param name="client">The <c>client</c> object; none when omitted.</param>
    /// <returns>The client context.</returns>
    public static LambdaClientContext Create(
        IReadOnlyDictionary<string, string>? custom = null,
        IReadOnlyDictionary<string, string>? environment = null,
        ClientApplication? client = null) =>
        new(
            client,
            new Dictionary<string, string>(custom ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal));

    /// <summary>The client context AgentCore Gateway sends when it calls a Lambda target's tool.</summary>
    /// <param name="toolName">The tool name as the gateway sends it, e.g. <c>eksops-target___diagnose_pod</c>.</param>
    /// <returns>The client context.</returns>
    public static LambdaClientContext ForAgentCoreTool(string toolName)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        return Create(new Dictionary<string, string> { [AgentCoreToolNameKey] = toolName });
    }
}
