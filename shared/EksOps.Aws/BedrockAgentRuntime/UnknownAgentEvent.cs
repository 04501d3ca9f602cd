namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>An event whose <c>:event-type</c> this library does not know (a newer service version); passed through, not an error.</summary>
public sealed class UnknownAgentEvent : InvokeAgentEvent
{
    internal UnknownAgentEvent(string eventType, ReadOnlyMemory<byte> payload)
    {
        EventType = eventType;
        Payload = payload;
    }

    /// <inheritdoc/>
    public override string EventType { get; }

    /// <summary>The payload as sent.</summary>
    public ReadOnlyMemory<byte> Payload { get; }
}
