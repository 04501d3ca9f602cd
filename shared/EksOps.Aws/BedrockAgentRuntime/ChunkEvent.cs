using System.Text;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// A <c>chunk</c> event: part (or, without streaming, all) of the agent's answer. When there are several chunks,
/// join their <see cref="Bytes"/> before decoding, as <see cref="AgentRunResult.Text"/> does, so that a character split
/// between chunks survives.
/// </summary>
public sealed class ChunkEvent : InvokeAgentEvent
{
    internal ChunkEvent(byte[] bytes, Attribution? attribution)
    {
        Bytes = bytes;
        Attribution = attribution;
    }

    /// <inheritdoc/>
    public override string EventType => "chunk";

    /// <summary>The chunk's bytes (UTF-8 text), decoded from the payload's base64.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>This chunk alone decoded as UTF-8 (an incomplete character at either end becomes U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    /// <summary>The citations of this chunk, if any.</summary>
    public Attribution? Attribution { get; }
}
