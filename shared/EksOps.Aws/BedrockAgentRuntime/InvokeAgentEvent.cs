namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// One event of an InvokeAgent response stream: <see cref="ChunkEvent"/>, <see cref="TraceEvent"/>,
/// <see cref="ReturnControlEvent"/>, <see cref="FilesEvent"/>, or <see cref="UnknownAgentEvent"/> for event types this
/// library does not know. Exception events are thrown, not yielded (<see cref="AgentStreamException"/>).
/// </summary>
public abstract class InvokeAgentEvent
{
    private protected InvokeAgentEvent()
    {
    }

    /// <summary>The <c>:event-type</c> header, e.g. <c>chunk</c>.</summary>
    public abstract string EventType { get; }
}
