namespace EksOps.Lambda;

/// <summary>
/// The client context a caller attached to the invocation (<c>Lambda-Runtime-Client-Context</c>, the decoded
/// <c>X-Amz-Client-Context</c> of the Invoke call).
/// </summary>
/// <param name="Client">The calling application, when the caller described one.</param>
/// <param name="Custom">
/// Caller-defined values. AgentCore Gateway puts the tool being called here (<c>bedrockAgentCoreToolName</c>).
/// </param>
/// <param name="Environment">The caller's environment values.</param>
public sealed record LambdaClientContext(
    ClientApplication? Client,
    IReadOnlyDictionary<string, string> Custom,
    IReadOnlyDictionary<string, string> Environment);
