using CsCheck;
using EksOps.Aws.EventStreams;
using SdkMessage = Amazon.Runtime.EventStreams.EventStreamMessage;

namespace EksOps.Aws.Tests.EventStreams;

/// <summary>
/// Property tests (CsCheck): random messages encoded by AWSSDK.Core decode back exactly, however the bytes are split
/// into reads; random corruption (bit flips, truncation, overwritten ranges, garbage) never crashes or hangs the reader,
/// it only rejects with <see cref="EventStreamFormatException"/>.
/// </summary>
public sealed class EventStreamPropertyTests
{
    private const long MinTimestamp = -62_135_596_800_000L; // 0001-01-01, the earliest AWSSDK.Core's DateTime-based encoder can write
    private const long MaxTimestamp = 253_402_300_799_999L; // 9999-12-31

    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_."].Array[1, 24].Select(c => new string(c));

    // Whole characters only (no lone surrogates), some of them multi-byte in UTF-8.
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Const("a"), Gen.Const("Z"), Gen.Const(" "), Gen.Const("é"), Gen.Const("日本"), Gen.Const("✓"), Gen.Const("😀"), Gen.Const("{\"k\":1}"))
        .Array[0, 40].Select(parts => string.Concat(parts));

    private static readonly Gen<TestHeader> Header = Gen.Select(Name, Gen.Int[0, 9]).SelectMany((name, type) => (EventStreamValueType)type switch
    {
        EventStreamValueType.BoolTrue or EventStreamValueType.BoolFalse => Gen.Const(new TestHeader(name, (EventStreamValueType)type, null)),
        EventStreamValueType.Byte => Gen.SByte.Select(v => new TestHeader(name, EventStreamValueType.Byte, (object)v)),
        EventStreamValueType.Int16 => Gen.Short.Select(v => new TestHeader(name, EventStreamValueType.Int16, (object)v)),
        EventStreamValueType.Int32 => Gen.Int.Select(v => new TestHeader(name, EventStreamValueType.Int32, (object)v)),
        EventStreamValueType.Int64 => Gen.Long.Select(v => new TestHeader(name, EventStreamValueType.Int64, (object)v)),
        EventStreamValueType.ByteArray => Gen.Byte.Array[0, 300].Select(v => new TestHeader(name, EventStreamValueType.ByteArray, (object)v)),
        EventStreamValueType.String => Text.Select(v => new TestHeader(name, EventStreamValueType.String, (object)v)),
        EventStreamValueType.Timestamp => Gen.Long[MinTimestamp, MaxTimestamp].Select(v => new TestHeader(name, EventStreamValueType.Timestamp, (object)v)),
        _ => Gen.Guid.Select(v => new TestHeader(name, EventStreamValueType.Uuid, (object)v)),
    });

    private static readonly Gen<TestMessage> Message = Gen.Select(
        Header.Array[0, 8].Select(headers => (IReadOnlyList<TestHeader>)[.. headers.DistinctBy(h => h.Name, StringComparer.Ordinal)]),
        Gen.Frequency((3, Gen.Byte.Array[0, 200]), (1, Gen.Byte.Array[0, 5000])),
        (headers, payload) => new TestMessage(headers, payload));

    private static readonly Gen<TestMessage[]> Messages = Message.Array[1, 5];

    private static readonly Gen<int[]> Pieces = Gen.Frequency((4, Gen.Int[1, 40]), (1, Gen.Int[41, 70_000])).Array[1, 6];

    [Fact]
    public void A_message_encoded_by_AWSSDK_Core_decodes_to_exactly_its_headers_and_payload()
    {
        Message.Sample(message =>
        {
            var bytes = SdkFrames.Encode(message);
            var frame = EventStreamFrame.Decode(bytes);

            SdkFrames.AssertDecodedAs(message, frame);
            Assert.Equal(bytes.Length, frame.TotalLength);
        }, iter: 2000);
    }

    [Fact]
    public void What_we_decode_AWSSDK_Core_decodes_the_same()
    {
        Message.Sample(message =>
        {
            var bytes = SdkFrames.Encode(message);
            var ours = EventStreamFrame.Decode(bytes);
            var theirs = SdkMessage.FromBuffer(bytes, 0, bytes.Length);

            Assert.Equal(theirs.Payload, ours.Payload.ToArray());
            Assert.Equal(theirs.Headers.Keys, ours.Headers.Select(h => h.Name));
            foreach (var header in ours.Headers)
            {
                Assert.Equal((int)theirs.Headers[header.Name].HeaderType, (int)header.Type);
            }
        }, iter: 300);
    }

    [Fact]
    public async Task Messages_split_at_random_points_decode_identically()
    {
        await Gen.Select(Messages, Pieces).SampleAsync(async (messages, pieces) =>
        {
            await using var reader = new EventStreamReader(new ChunkedReadStream([.. messages.SelectMany(SdkFrames.Encode)], pieces));

            var frames = await ReadAll(reader);

            Assert.Equal(messages.Length, frames.Count);
            for (var i = 0; i < messages.Length; i++)
            {
                SdkFrames.AssertDecodedAs(messages[i], frames[i]);
            }
        }, iter: 300);
    }

    [Fact]
    public async Task Any_single_bit_flip_is_rejected_and_only_messages_before_it_come_out()
    {
        await Gen.Select(Messages, Gen.Double[0, 1], Gen.Int[0, 7], Pieces).SampleAsync(async (messages, where, bit, pieces) =>
        {
            var encoded = messages.Select(SdkFrames.Encode).ToArray();
            byte[] stream = [.. encoded.SelectMany(m => m)];
            var position = Math.Min(stream.Length - 1, (int)(where * stream.Length));
            stream[position] ^= (byte)(1 << bit);
            var corrupted = MessageIndexAt(encoded, position);

            var (frames, error) = await TryReadAll(new ChunkedReadStream(stream, pieces));

            Assert.NotNull(error);
            Assert.Equal(corrupted, frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                SdkFrames.AssertDecodedAs(messages[i], frames[i]);
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task A_stream_cut_anywhere_ends_cleanly_at_a_message_boundary_and_is_truncated_elsewhere()
    {
        await Gen.Select(Messages, Gen.Double[0, 1], Pieces).SampleAsync(async (messages, where, pieces) =>
        {
            var encoded = messages.Select(SdkFrames.Encode).ToArray();
            byte[] stream = [.. encoded.SelectMany(m => m)];
            var keep = (int)(where * stream.Length);
            var boundaries = encoded.Select(m => m.Length).Aggregate(new List<int> { 0 }, (acc, length) => { acc.Add(acc[^1] + length); return acc; });

            var (frames, error) = await TryReadAll(new ChunkedReadStream(stream[..keep], pieces));

            Assert.Equal(boundaries.Count(b => b > 0 && b <= keep), frames.Count);
            if (boundaries.Contains(keep))
            {
                Assert.Null(error);
            }
            else
            {
                Assert.Equal(EventStreamErrorKind.Truncated, error?.Kind);
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task A_random_range_overwritten_with_random_bytes_is_rejected_or_changes_nothing()
    {
        await Gen.Select(Messages, Gen.Double[0, 1], Gen.Byte.Array[1, 64], Pieces).SampleAsync(async (messages, where, garbage, pieces) =>
        {
            byte[] stream = [.. messages.SelectMany(SdkFrames.Encode)];
            var original = stream.ToArray();
            var position = (int)(where * stream.Length);
            garbage.AsSpan(0, Math.Min(garbage.Length, stream.Length - position)).CopyTo(stream.AsSpan(position));

            var (frames, error) = await TryReadAll(new ChunkedReadStream(stream, pieces));

            if (error is null)
            {
                Assert.Equal(original, stream);
                Assert.Equal(messages.Length, frames.Count);
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task Garbage_alone_or_after_good_messages_never_crashes_or_hangs_the_reader()
    {
        await Gen.Select(Gen.Byte.Array[0, 600], Message.Array[0, 2], Pieces).SampleAsync(async (garbage, messages, pieces) =>
        {
            byte[] stream = [.. messages.SelectMany(SdkFrames.Encode), .. garbage];

            var (frames, error) = await TryReadAll(new ChunkedReadStream(stream, pieces));

            Assert.True(frames.Count >= messages.Length || error is not null);
            Assert.True(garbage.Length == 0 || frames.Count > messages.Length || error is not null, "garbage was silently dropped");
        }, iter: 1000);
    }

    private static int MessageIndexAt(byte[][] encoded, int position)
    {
        var start = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (position < start + encoded[i].Length)
            {
                return i;
            }

            start += encoded[i].Length;
        }

        return encoded.Length;
    }

    /// <summary>Reads to the end; an <see cref="EventStreamFormatException"/> is returned, any other exception fails the property.</summary>
    private static async Task<(List<EventStreamFrame> Frames, EventStreamFormatException? Error)> TryReadAll(Stream stream)
    {
        var frames = new List<EventStreamFrame>();
        await using var reader = new EventStreamReader(stream);
        try
        {
            while (await reader.ReadAsync() is { } frame)
            {
                frames.Add(frame);
            }

            return (frames, null);
        }
        catch (EventStreamFormatException ex)
        {
            return (frames, ex);
        }
    }

    private static async Task<List<EventStreamFrame>> ReadAll(EventStreamReader reader)
    {
        var frames = new List<EventStreamFrame>();
        await foreach (var frame in reader.ReadAllAsync())
        {
            frames.Add(frame);
        }

        return frames;
    }
}
