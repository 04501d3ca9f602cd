using System.Text;
using EksOps.Aws.EventStreams;

namespace EksOps.Aws.Tests.EventStreams;

/// <summary>
/// Vectors beyond the Go corpus: botocore's own (<c>tests/unit/test_eventstream.py</c>, boto/botocore, Apache-2.0),
/// which add every scalar header type, an unmodelled error message, oversized lengths and a duplicate header, and the
/// Bedrock-shaped messages of the reference (section 4.6, decoded there with botocore).
/// </summary>
public sealed class MoreVectorTests
{
    [Fact]
    public void Botocore_int8_int16_int32_and_int64_headers_of_minus_one_decode()
    {
        Assert.Equal(-1, Decode("000000170000000729860158046279746502ffc2f869dc").Headers.Single().AsByte());
        Assert.Equal(-1, Decode("0000001900000009710e923e0573686f727403ffffb27cb6cc").Headers.Single().AsInt16());
        Assert.Equal(-1, Decode("0000001d0000000d83e3f0e707696e746567657204ffffffff8b8e12eb").Headers.Single().AsInt32());
        Assert.Equal(-1L, Decode("0000001e0000000e5d4adb8d046c6f6e6705ffffffffffffffff4bc232da").Headers.Single().AsInt64());
    }

    [Fact]
    public void Botocore_all_header_types_decode_with_their_values()
    {
        var frame = Decode("000000620000005203b5cb9c0130000131010132020201330300030134040000000401350500000000000000050136060005627974657301370700047574663801380800000000000000080139093031323334353637383961626364656663353671");

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], frame.Headers.Select(h => h.Name));
        Assert.True(frame.FindHeader("0")!.AsBoolean());
        Assert.False(frame.FindHeader("1")!.AsBoolean());
        Assert.Equal(2, frame.FindHeader("2")!.AsByte());
        Assert.Equal(3, frame.FindHeader("3")!.AsInt16());
        Assert.Equal(4, frame.FindHeader("4")!.AsInt32());
        Assert.Equal(5L, frame.FindHeader("5")!.AsInt64());
        Assert.Equal("bytes"u8.ToArray(), frame.FindHeader("6")!.AsBytes().ToArray());
        Assert.Equal("utf8", frame.FindHeader("7")!.AsString());
        Assert.Equal(8L, frame.FindHeader("8")!.AsTimestampMilliseconds());
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(8), frame.FindHeader("8")!.AsTimestamp());
        Assert.Equal("0123456789abcdef"u8.ToArray(), frame.FindHeader("9")!.RawValue.ToArray());
        Assert.Empty(frame.Payload.ToArray());
    }

    [Fact]
    public void Botocore_unmodelled_error_message_decodes()
    {
        var frame = Decode("0000005200000042bf23637e0d3a6d6573736167652d747970650700056572726f720b3a6572726f722d636f6465070004636f64650e3a6572726f722d6d6573736167650700076d6573736167656b6cea3d");

        Assert.Equal("error", frame.GetString(":message-type"));
        Assert.Equal("code", frame.GetString(":error-code"));
        Assert.Equal("message", frame.GetString(":error-message"));
    }

    [Theory]
    [InlineData("corrupted header length", "0000003dff00010207fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1", EventStreamErrorKind.InvalidHeadersLength, "Message headers length invalid")]
    [InlineData("corrupted headers", "0000003d0000002007fd83960c636f6e74656e742b747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1", EventStreamErrorKind.MessageChecksumMismatch, "Message checksum mismatch")]
    [InlineData("corrupted length", "0100001d00000000fd528c5a7b27666f6f273a27626172277dc3653936", EventStreamErrorKind.InvalidPayloadLength, "Message payload length invalid")]
    [InlineData("corrupted payload", "0000001d00000000fd528c5a7b27666f6f273a27626172278dc3653936", EventStreamErrorKind.MessageChecksumMismatch, "Message checksum mismatch")]
    [InlineData("duplicate header", "00000024000000144bb982d00474657374046173646604746573740461736466f3f47563", EventStreamErrorKind.DuplicateHeader, "Duplicate header present: \"test\"")]
    public void Botocore_negative_cases_are_rejected_for_the_same_reason(string name, string hex, EventStreamErrorKind kind, string text)
    {
        var error = Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(Convert.FromHexString(hex)));

        Assert.True(kind == error.Kind, $"{name}: {error.Message}");
        Assert.StartsWith(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_chunk_event_decodes_with_bedrock_headers_and_json_payload()
    {
        var frame = Decode("000000830000004b726a8d330b3a6576656e742d747970650700056368756e6b0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b226279746573223a2253475673624738675a6e4a7662534230614755675957646c626e5175227de3e99ee8");

        Assert.Equal("chunk", frame.GetString(":event-type"));
        Assert.Equal("application/json", frame.GetString(":content-type"));
        Assert.Equal("event", frame.GetString(":message-type"));
        Assert.Equal("{\"bytes\":\"SGVsbG8gZnJvbSB0aGUgYWdlbnQu\"}", Encoding.UTF8.GetString(frame.Payload.Span));
        Assert.Equal(0x726A8D33u, frame.PreludeCrc);
        Assert.Equal(0xE3E99EE8u, frame.MessageCrc);
    }

    [Fact]
    public void The_reference_throttling_exception_and_unmodelled_error_decode()
    {
        var throttling = Decode("0000008c000000612b81d3340f3a657863657074696f6e2d747970650700137468726f74746c696e67457863657074696f6e0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d74797065070009657863657074696f6e7b226d657373616765223a2252617465206578636565646564227db95ad7de");
        var error = Decode("00000071000000619b2547d80d3a6d6573736167652d747970650700056572726f720b3a6572726f722d636f646507000f496e7465726e616c4661696c7572650e3a6572726f722d6d65737361676507001b416e20696e7465726e616c206572726f72206f636375727265642e9002cf1e");

        Assert.Equal("exception", throttling.GetString(":message-type"));
        Assert.Equal("throttlingException", throttling.GetString(":exception-type"));
        Assert.Equal("{\"message\":\"Rate exceeded\"}", Encoding.UTF8.GetString(throttling.Payload.Span));
        Assert.Equal("error", error.GetString(":message-type"));
        Assert.Equal("InternalFailure", error.GetString(":error-code"));
        Assert.Equal("An internal error occurred.", error.GetString(":error-message"));
        Assert.Empty(error.Payload.ToArray());
    }

    [Fact]
    public void The_uuid_header_of_all_headers_reads_in_network_byte_order()
    {
        var frame = EventStreamFrame.Decode(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "eventstream", "encoded", "positive", "all_headers")));

        Assert.Equal(Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"), frame.FindHeader("uuid")!.AsUuid());
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(8675309), frame.FindHeader("timestamp")!.AsTimestamp());
        Assert.Throws<InvalidOperationException>(() => frame.FindHeader("uuid")!.AsString());
    }

    private static EventStreamFrame Decode(string hex) => EventStreamFrame.Decode(Convert.FromHexString(hex));

}
