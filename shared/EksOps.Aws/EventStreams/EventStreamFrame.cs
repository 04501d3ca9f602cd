namespace EksOps.Aws.EventStreams;

/// <summary>
/// One decoded, checksum-verified event-stream message (<c>application/vnd.amazon.eventstream</c>): its prelude
/// fields, headers in wire order, and payload.
/// </summary>
public sealed class EventStreamFrame
{
    internal EventStreamFrame(int totalLength, int headersLength, uint preludeCrc, uint messageCrc, IReadOnlyList<EventStreamFrameHeader> headers, byte[] payload)
    {
        TotalLength = totalLength;
        HeadersLength = headersLength;
        PreludeCrc = preludeCrc;
        MessageCrc = messageCrc;
        Headers = headers;
        Payload = payload;
    }

    /// <summary>The message's <c>total_length</c>: prelude, headers, payload and trailing CRC.</summary>
    public int TotalLength { get; }

    /// <summary>The message's <c>headers_length</c>.</summary>
    public int HeadersLength { get; }

    /// <summary>The CRC-32 of the first 8 bytes, as sent (and verified).</summary>
    public uint PreludeCrc { get; }

    /// <summary>The CRC-32 of everything before it, as sent (and verified).</summary>
    public uint MessageCrc { get; }

    /// <summary>The headers, in wire order. Names are unique.</summary>
    public IReadOnlyList<EventStreamFrameHeader> Headers { get; }

    /// <summary>The payload (empty when there is none).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Decodes exactly one message that fills <paramref name="message"/>.</summary>
    /// <param name="message">The message's bytes, nothing more or less.</param>
    /// <param name="options">Size limits; null for the defaults.</param>
    /// <returns>The message.</returns>
    /// <exception cref="EventStreamFormatException">The bytes are not one valid message.</exception>
    public static EventStreamFrame Decode(ReadOnlySpan<byte> message, EventStreamReaderOptions? options = null)
    {
        options ??= EventStreamReaderOptions.Default;
        if (message.Length < EventStreamDecoder.PreludeLength)
        {
            throw new EventStreamFormatException(
                EventStreamErrorKind.Truncated, $"Message truncated: {message.Length} bytes cannot hold the 12-byte prelude.", 0);
        }

        var (total, headersLength) = EventStreamDecoder.ReadPrelude(message, options, 0);
        if (total != message.Length)
        {
            throw total > message.Length
                ? new EventStreamFormatException(EventStreamErrorKind.Truncated, $"Message truncated: total length is {total} bytes, only {message.Length} given.", 0)
                : new EventStreamFormatException(EventStreamErrorKind.InvalidMessageLength, $"Message length invalid: total length is {total} bytes, but {message.Length} were given.", 0);
        }

        return EventStreamDecoder.DecodeMessage(message, headersLength, 0);
    }

    /// <summary>The header called <paramref name="name"/> (ordinal comparison), or null.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The header, or null.</returns>
    public EventStreamFrameHeader? FindHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.Ordinal))
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>The value of the string header called <paramref name="name"/>; null when it is absent or not a string.</summary>
    /// <param name="name">The header name, e.g. <c>:message-type</c>.</param>
    /// <returns>The value, or null.</returns>
    public string? GetString(string name) =>
        FindHeader(name) is { Type: EventStreamValueType.String } header ? header.AsString() : null;
}
