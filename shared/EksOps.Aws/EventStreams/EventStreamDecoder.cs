using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace EksOps.Aws.EventStreams;

/// <summary>
/// The checks and the header parser shared by <see cref="EventStreamReader"/> and <see cref="EventStreamFrame.Decode"/>,
/// in the order botocore and the AWS SDK for Go apply them: lengths, prelude CRC, message CRC, then headers — so a
/// corrupt message is reported by its checksum, never by whatever its garbage headers happen to look like.
/// </summary>
internal static class EventStreamDecoder
{
    public const int PreludeLength = 12;
    public const int MinimumLength = 16;

    /// <summary>Validates the 12-byte prelude at the start of <paramref name="prelude"/> and returns the total and headers lengths.</summary>
    public static (int TotalLength, int HeadersLength) ReadPrelude(ReadOnlySpan<byte> prelude, EventStreamReaderOptions options, long offset)
    {
        var total = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headers = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);
        var expected = BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]);

        if (total < MinimumLength)
        {
            throw Fail(EventStreamErrorKind.InvalidMessageLength, $"Message length invalid: total length {total} is below the 16-byte minimum", offset);
        }

        if (headers > (uint)options.MaxHeadersLength)
        {
            throw Fail(EventStreamErrorKind.InvalidHeadersLength, $"Message headers length invalid: {headers} bytes exceed the limit of {options.MaxHeadersLength}", offset);
        }

        if (headers > total - MinimumLength)
        {
            throw Fail(EventStreamErrorKind.InvalidHeadersLength, $"Message headers length invalid: {headers} bytes of headers do not fit in a {total}-byte message", offset);
        }

        var payload = total - MinimumLength - headers;
        if (payload > (uint)options.MaxPayloadLength)
        {
            throw Fail(EventStreamErrorKind.InvalidPayloadLength, $"Message payload length invalid: {payload} bytes exceed the limit of {options.MaxPayloadLength}", offset);
        }

        var computed = Crc32.HashToUInt32(prelude[..8]);
        if (computed != expected)
        {
            throw Fail(EventStreamErrorKind.PreludeChecksumMismatch, $"Prelude checksum mismatch: expected 0x{expected:X8}, computed 0x{computed:X8}", offset);
        }

        return ((int)total, (int)headers);
    }

    /// <summary>Checks the message CRC of a whole message whose prelude passed <see cref="ReadPrelude"/>, then parses it.</summary>
    public static EventStreamFrame DecodeMessage(ReadOnlySpan<byte> message, int headersLength, long offset)
    {
        var expected = BinaryPrimitives.ReadUInt32BigEndian(message[^4..]);
        var computed = Crc32.HashToUInt32(message[..^4]);
        if (computed != expected)
        {
            throw Fail(EventStreamErrorKind.MessageChecksumMismatch, $"Message checksum mismatch: expected 0x{expected:X8}, computed 0x{computed:X8}", offset);
        }

        var headers = ParseHeaders(message.Slice(PreludeLength, headersLength), offset);
        var payload = message[(PreludeLength + headersLength)..^4].ToArray();
        return new EventStreamFrame(
            message.Length, headersLength, BinaryPrimitives.ReadUInt32BigEndian(message[8..]), expected, headers, payload);
    }

    private static List<EventStreamFrameHeader> ParseHeaders(ReadOnlySpan<byte> block, long offset)
    {
        var headers = new List<EventStreamFrameHeader>();
        HashSet<string>? seen = null;
        var position = 0;
        while (position < block.Length)
        {
            var start = position;
            int nameLength = block[position++];
            var name = Utf8(Take(block, ref position, nameLength, "the header name", null, start, offset), "name", null, start, offset);
            if (position >= block.Length)
            {
                throw Malformed($"header '{name}' has no value type", start, offset);
            }

            var type = block[position++];
            var header = type switch
            {
                0 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.BoolTrue, 1),
                1 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.BoolFalse, 0),
                2 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.Byte, (sbyte)Take(block, ref position, 1, "the value", name, start, offset)[0]),
                3 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.Int16, BinaryPrimitives.ReadInt16BigEndian(Take(block, ref position, 2, "the value", name, start, offset))),
                4 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.Int32, BinaryPrimitives.ReadInt32BigEndian(Take(block, ref position, 4, "the value", name, start, offset))),
                5 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.Int64, BinaryPrimitives.ReadInt64BigEndian(Take(block, ref position, 8, "the value", name, start, offset))),
                6 => EventStreamFrameHeader.Bytes(name, EventStreamValueType.ByteArray, Variable(block, ref position, name, start, offset).ToArray()),
                7 => StringHeader(name, Variable(block, ref position, name, start, offset), start, offset),
                8 => EventStreamFrameHeader.Scalar(name, EventStreamValueType.Timestamp, BinaryPrimitives.ReadInt64BigEndian(Take(block, ref position, 8, "the value", name, start, offset))),
                9 => EventStreamFrameHeader.Bytes(name, EventStreamValueType.Uuid, Take(block, ref position, 16, "the value", name, start, offset).ToArray()),
                _ => throw Malformed($"header '{name}' has unknown value type {type}", start, offset),
            };

            if (IsDuplicate(headers, ref seen, name))
            {
                throw Fail(EventStreamErrorKind.DuplicateHeader, $"Duplicate header present: \"{name}\"", offset);
            }

            headers.Add(header);
        }

        return headers;
    }

    private static EventStreamFrameHeader StringHeader(string name, ReadOnlySpan<byte> utf8, int start, long offset) =>
        EventStreamFrameHeader.String(name, utf8.ToArray(), Utf8(utf8, "value", name, start, offset));

    private static ReadOnlySpan<byte> Variable(ReadOnlySpan<byte> block, ref int position, string name, int start, long offset)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(Take(block, ref position, 2, "the value length", name, start, offset));
        return Take(block, ref position, length, "the value", name, start, offset);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> block, ref int position, int count, string what, string? name, int start, long offset)
    {
        if (block.Length - position < count)
        {
            var who = name is null ? "a header" : $"header '{name}'";
            throw Malformed($"{what} of {who} needs {count} bytes but the headers block has {block.Length - position} left", start, offset);
        }

        var slice = block.Slice(position, count);
        position += count;
        return slice;
    }

    private static string Utf8(ReadOnlySpan<byte> bytes, string what, string? name, int start, long offset)
    {
        try
        {
            return EventStreamFrameHeader.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed(name is null ? $"a header {what} is not valid UTF-8" : $"the {what} of header '{name}' is not valid UTF-8", start, offset);
        }
    }

    private static bool IsDuplicate(List<EventStreamFrameHeader> headers, ref HashSet<string>? seen, string name)
    {
        if (seen is null && headers.Count < 8)
        {
            foreach (var existing in headers)
            {
                if (string.Equals(existing.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        if (seen is null)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var existing in headers)
            {
                seen.Add(existing.Name);
            }
        }

        return !seen.Add(name);
    }

    private static EventStreamFormatException Malformed(string detail, int headerStart, long offset) =>
        Fail(EventStreamErrorKind.MalformedHeader, $"Malformed header at byte {PreludeLength + headerStart} of the message: {detail}", offset);

    private static EventStreamFormatException Fail(EventStreamErrorKind kind, string text, long offset) =>
        new(kind, $"{text} (message at byte {offset} of the stream).", offset);
}
