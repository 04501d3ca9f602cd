namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A return-control loop hit one of its bounds; what it had gathered until then is in <see cref="Partial"/>.</summary>
public sealed class ReturnControlLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The bound that was hit.</param>
    /// <param name="message">The description.</param>
    /// <param name="partial">The run so far.</param>
    /// <param name="pending">The return-control request left unanswered, if any.</param>
    /// <param name="innerException">The cancellation that the deadline caused, if any.</param>
    public ReturnControlLimitException(ReturnControlLimit limit, string message, AgentRunResult partial, ReturnControlPayload? pending, Exception? innerException = null)
        : base(message, innerException)
    {
        Limit = limit;
        Partial = partial;
        Pending = pending;
    }

    /// <summary>The bound that was hit.</summary>
    public ReturnControlLimit Limit { get; }

    /// <summary>The run so far: text, traces, tokens, rounds.</summary>
    public AgentRunResult Partial { get; }

    /// <summary>The return-control request left unanswered, if any.</summary>
    public ReturnControlPayload? Pending { get; }
}
