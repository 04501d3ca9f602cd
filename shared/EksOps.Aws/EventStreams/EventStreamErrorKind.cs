namespace EksOps.Aws.EventStreams;

/// <summary>What is wrong with an event-stream message that could not be decoded.</summary>
public enum EventStreamErrorKind
{
    /// <summary>The stream (or buffer) ended inside a message.</summary>
    Truncated,

    /// <summary><c>total_length</c> is below the 16-byte minimum, or does not match the buffer given to <see cref="EventStreamFrame.Decode"/>.</summary>
    InvalidMessageLength,

    /// <summary><c>headers_length</c> exceeds the limit or the room the message leaves for headers.</summary>
    InvalidHeadersLength,

    /// <summary>The payload length implied by the prelude exceeds the limit.</summary>
    InvalidPayloadLength,

    /// <summary>The prelude CRC (over the first 8 bytes) does not match.</summary>
    PreludeChecksumMismatch,

    /// <summary>The message CRC (over everything but the last 4 bytes) does not match.</summary>
    MessageChecksumMismatch,

    /// <summary>A header is cut short by the end of the headers block, has an unknown value type, or is not valid UTF-8.</summary>
    MalformedHeader,

    /// <summary>A header name appears twice in one message.</summary>
    DuplicateHeader,
}
