namespace EksOps.Testing.Bedrock;

/// <summary>
/// HTTP 200 with an <c>application/vnd.amazon.eventstream</c> body of <paramref name="Frames"/>, written in pieces of
/// <see cref="PieceSize"/> bytes (each flushed on its own) or all in one write; <see cref="AbortAfterBytes"/> drops the
/// connection part-way through instead of ending the stream.
/// </summary>
/// <param name="Frames">The encoded event-stream messages (<see cref="AgentFrames"/>), in order.</param>
public sealed record StreamReply(params byte[][] Frames) : AgentReply
{
    /// <summary>The size of each write; null writes the whole body at once.</summary>
    public int? PieceSize { get; init; }

    /// <summary>Drops the connection after this many bytes of the body; null ends the stream normally.</summary>
    public int? AbortAfterBytes { get; init; }

    /// <summary>The response's <c>Content-Type</c>.</summary>
    public string ContentType { get; init; } = "application/vnd.amazon.eventstream";

    /// <summary>Sent as <c>x-amz-bedrock-agent-memory-id</c> when set.</summary>
    public string? MemoryId { get; init; }
}
