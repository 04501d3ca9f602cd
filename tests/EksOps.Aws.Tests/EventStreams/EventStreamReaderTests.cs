using System.Text;
using EksOps.Aws.EventStreams;

namespace EksOps.Aws.Tests.EventStreams;

public sealed class EventStreamReaderTests
{
    private static readonly TestMessage[] Messages =
    [
        new([new(":message-type", EventStreamValueType.String, "event"), new(":event-type", EventStreamValueType.String, "chunk")], Encoding.UTF8.GetBytes("{\"bytes\":\"aGk=\"}")),
        new([], []),
        new([new("n", EventStreamValueType.Int32, 7), new("t", EventStreamValueType.Timestamp, 1_700_000_000_123L)], new byte[300]),
        new([new("big", EventStreamValueType.ByteArray, new byte[5000])], Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray()),
    ];

    private static byte[] Stream() => [.. Messages.SelectMany(SdkFrames.Encode)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task Messages_split_over_reads_of_any_size_decode_the_same(int pieceSize)
    {
        await using var reader = new EventStreamReader(new ChunkedReadStream(Stream(), pieceSize));

        var frames = await ReadAll(reader);

        Assert.Equal(Messages.Length, frames.Count);
        for (var i = 0; i < Messages.Length; i++)
        {
            SdkFrames.AssertDecodedAs(Messages[i], frames[i]);
        }
    }

    [Fact]
    public async Task Several_messages_arriving_in_one_read_all_come_out_without_further_reads()
    {
        var bytes = Stream();
        var stream = new ChunkedReadStream(bytes, bytes.Length);
        await using var reader = new EventStreamReader(stream);

        var frames = await ReadAll(reader);

        Assert.Equal(Messages.Length, frames.Count);
        // The first read brought the three small messages and part of the large one; one more finished it, one saw the end.
        Assert.True(stream.Reads <= 3, $"{stream.Reads} reads");
    }

    [Fact]
    public async Task An_empty_stream_ends_at_once_and_stays_ended()
    {
        await using var reader = new EventStreamReader(new MemoryStream());

        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(40)]
    public async Task A_stream_that_ends_inside_a_message_is_reported_as_truncated(int keep)
    {
        var first = SdkFrames.Encode(Messages[0]);
        var second = SdkFrames.Encode(Messages[2]);
        await using var reader = new EventStreamReader(new ChunkedReadStream([.. first, .. second.AsSpan(0, keep)], 3));

        Assert.NotNull(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(EventStreamErrorKind.Truncated, error.Kind);
        Assert.StartsWith("Message truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Length, error.Offset);
    }

    [Fact]
    public async Task A_prelude_announcing_more_than_the_payload_limit_is_rejected_before_its_body_is_read()
    {
        var stream = new ChunkedReadStream([.. RawFrames.Prelude(1_000_000_000, 0), .. new byte[100]], 12);
        await using var reader = new EventStreamReader(stream);

        var error = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(EventStreamErrorKind.InvalidPayloadLength, error.Kind);
        Assert.Equal(1, stream.Reads);
    }

    [Fact]
    public void The_limits_can_be_raised_and_lowered()
    {
        var message = SdkFrames.Encode(new TestMessage([new("h", EventStreamValueType.String, "value")], new byte[2000]));

        var payload = Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(message, new EventStreamReaderOptions { MaxPayloadLength = 1999 }));
        var headers = Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(message, new EventStreamReaderOptions { MaxHeadersLength = 5 }));

        Assert.Equal(EventStreamErrorKind.InvalidPayloadLength, payload.Kind);
        Assert.Equal(EventStreamErrorKind.InvalidHeadersLength, headers.Kind);
        Assert.Equal(2000, EventStreamFrame.Decode(message, new EventStreamReaderOptions { MaxPayloadLength = 2000, MaxHeadersLength = 11 }).Payload.Length);
    }

    [Theory]
    [InlineData(0u, 0u, EventStreamErrorKind.InvalidMessageLength)]
    [InlineData(15u, 0u, EventStreamErrorKind.InvalidMessageLength)]
    [InlineData(16u, 1u, EventStreamErrorKind.InvalidHeadersLength)]
    [InlineData(100u, 200u, EventStreamErrorKind.InvalidHeadersLength)]
    public void Impossible_lengths_are_rejected_even_with_a_correct_prelude_checksum(uint total, uint headers, EventStreamErrorKind kind)
    {
        var error = Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(RawFrames.Prelude(total, headers)));

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void Decode_wants_exactly_one_message()
    {
        var message = SdkFrames.Encode(Messages[0]);

        Assert.Equal(EventStreamErrorKind.InvalidMessageLength, Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode([.. message, 0])).Kind);
        Assert.Equal(EventStreamErrorKind.Truncated, Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(message.AsSpan(0, message.Length - 1))).Kind);
        Assert.Equal(EventStreamErrorKind.Truncated, Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(message.AsSpan(0, 11))).Kind);
    }

    public static TheoryData<string, byte[], string> MalformedHeaderBlocks() => new()
    {
        { "unknown value type", [1, (byte)'a', 10], "unknown value type 10" },
        { "name longer than the block", [5, (byte)'a', (byte)'b'], "header name" },
        { "no value type", [1, (byte)'a'], "has no value type" },
        { "int32 cut short", [1, (byte)'a', 4, 0, 0], "needs 4 bytes" },
        { "string longer than the block", [1, (byte)'a', 7, 0, 9, (byte)'x'], "needs 9 bytes" },
        { "uuid cut short", [1, (byte)'a', 9, 1, 2, 3], "needs 16 bytes" },
        { "name not UTF-8", [1, 0xFF, 0], "not valid UTF-8" },
        { "string value not UTF-8", [1, (byte)'a', 7, 0, 2, 0xC3, 0x28], "not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaderBlocks))]
    public void Malformed_headers_inside_a_message_with_good_checksums_are_rejected_as_such(string why, byte[] headerBlock, string detail)
    {
        var error = Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(RawFrames.Build(headerBlock, "{}"u8)));

        Assert.True(error.Kind == EventStreamErrorKind.MalformedHeader, why);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_maximal_variable_length_values_are_accepted()
    {
        var longValue = new byte[ushort.MaxValue];
        byte[] block = [1, (byte)'e', 6, 0, 0, 1, (byte)'s', 7, 0, 0, 1, (byte)'l', 6, 0xFF, 0xFF, .. longValue];

        var frame = EventStreamFrame.Decode(RawFrames.Build(block, []), new EventStreamReaderOptions { MaxHeadersLength = 1 << 20 });

        Assert.Empty(frame.FindHeader("e")!.AsBytes().ToArray());
        Assert.Equal("", frame.FindHeader("s")!.AsString());
        Assert.Equal(ushort.MaxValue, frame.FindHeader("l")!.AsBytes().Length);
    }

    [Fact]
    public async Task A_cancelled_read_leaves_the_reader_usable()
    {
        await using var reader = new EventStreamReader(new MemoryStream(Stream()));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadAsync(cancelled.Token));

        Assert.Equal(Messages.Length, (await ReadAll(reader)).Count);
    }

    [Fact]
    public async Task The_reader_disposes_its_stream_unless_told_to_leave_it_open()
    {
        var owned = new MemoryStream();
        var borrowed = new MemoryStream();

        await new EventStreamReader(owned).DisposeAsync();
        await new EventStreamReader(borrowed, leaveOpen: true).DisposeAsync();

        Assert.False(owned.CanRead);
        Assert.True(borrowed.CanRead);
    }

    private static async Task<List<EventStreamFrame>> ReadAll(EventStreamReader reader)
    {
        var frames = new List<EventStreamFrame>();
        await foreach (var frame in reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
        }

        return frames;
    }
}
