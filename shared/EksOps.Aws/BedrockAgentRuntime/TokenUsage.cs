namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>Model tokens, as reported by <c>modelInvocationOutput.metadata.usage</c> in traces.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens)
{
    /// <summary>No tokens.</summary>
    public static TokenUsage None => default;

    /// <summary>Input and output together.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds two usages.</summary>
    /// <param name="left">One usage.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right) =>
        new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);

    /// <summary>Adds two usages (the named alternative to <c>+</c>).</summary>
    /// <param name="left">One usage.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;
}
