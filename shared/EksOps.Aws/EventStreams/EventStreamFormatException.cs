namespace EksOps.Aws.EventStreams;

/// <summary>
/// An event-stream message could not be decoded. The message text starts with the phrase the official decoders use
/// (<c>Prelude checksum mismatch</c>, <c>Message checksum mismatch</c>, <c>Message headers length invalid</c>, …),
/// followed by the details. A reader that threw this is finished: the stream cannot be resynchronised.
/// </summary>
public sealed class EventStreamFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="message">The description.</param>
    /// <param name="offset">Where in the stream the message that failed starts.</param>
    public EventStreamFormatException(EventStreamErrorKind kind, string message, long offset)
        : base(message)
    {
        Kind = kind;
        Offset = offset;
    }

    /// <summary>What is wrong.</summary>
    public EventStreamErrorKind Kind { get; }

    /// <summary>The byte offset, in the stream, of the start of the message that failed.</summary>
    public long Offset { get; }
}
