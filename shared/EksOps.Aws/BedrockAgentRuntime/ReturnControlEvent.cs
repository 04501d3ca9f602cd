namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A <c>returnControl</c> event: the agent wants the caller to run (or confirm) actions and invoke it again with the results.</summary>
public sealed class ReturnControlEvent : InvokeAgentEvent
{
    internal ReturnControlEvent(ReturnControlPayload payload) => Payload = payload;

    /// <inheritdoc/>
    public override string EventType => "returnControl";

    /// <summary>The actions and the invocation id.</summary>
    public ReturnControlPayload Payload { get; }
}
