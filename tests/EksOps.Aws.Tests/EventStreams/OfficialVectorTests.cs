using System.Text;
using System.Text.Json;
using EksOps.Aws.EventStreams;

namespace EksOps.Aws.Tests.EventStreams;

/// <summary>
/// The standard cross-SDK event-stream corpus (TestData/eventstream, copied from aws/aws-sdk-go; see its README):
/// every positive case decodes to exactly the fields of its <c>decoded/positive</c> JSON, and every negative case is
/// rejected with the error text of its <c>decoded/negative</c> file.
/// </summary>
public sealed class OfficialVectorTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "eventstream");

    public static TheoryData<string> PositiveCases() => new(Names("positive"));

    public static TheoryData<string> NegativeCases() => new(Names("negative"));

    [Fact]
    public void The_corpus_copy_has_five_positive_and_four_negative_cases()
    {
        Assert.Equal(["all_headers", "empty_message", "int32_header", "payload_no_headers", "payload_one_str_header"], Names("positive"));
        Assert.Equal(["corrupted_header_len", "corrupted_headers", "corrupted_length", "corrupted_payload"], Names("negative"));
    }

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void A_positive_case_decodes_to_exactly_its_expected_prelude_headers_payload_and_crcs(string name)
    {
        var frame = EventStreamFrame.Decode(Encoded("positive", name));

        AssertMatches(Decoded(name), frame);
    }

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public async Task A_positive_case_read_one_byte_at_a_time_decodes_the_same(string name)
    {
        await using var reader = new EventStreamReader(new ChunkedReadStream(Encoded("positive", name), 1));

        var frame = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(frame);
        AssertMatches(Decoded(name), frame);
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task All_positive_cases_in_one_stream_decode_in_order()
    {
        var names = Names("positive");
        var stream = names.SelectMany(name => Encoded("positive", name)).ToArray();
        await using var reader = new EventStreamReader(new MemoryStream(stream));

        var frames = new List<EventStreamFrame>();
        await foreach (var frame in reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
        }

        Assert.Equal(names.Length, frames.Count);
        for (var i = 0; i < names.Length; i++)
        {
            AssertMatches(Decoded(names[i]), frames[i]);
        }

        Assert.Equal(stream.Length, reader.BytesConsumed);
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void A_negative_case_is_rejected_with_the_official_error_text(string name)
    {
        var expected = File.ReadAllText(Path.Combine(Root, "decoded", "negative", name));

        var error = Assert.Throws<EventStreamFormatException>(() => EventStreamFrame.Decode(Encoded("negative", name)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(
            expected == "Prelude checksum mismatch" ? EventStreamErrorKind.PreludeChecksumMismatch : EventStreamErrorKind.MessageChecksumMismatch,
            error.Kind);
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public async Task A_negative_case_in_a_stream_fails_the_reader_with_the_same_text_and_keeps_failing(string name)
    {
        var expected = File.ReadAllText(Path.Combine(Root, "decoded", "negative", name));
        // A valid message first: it still comes out, the bad one after it does not.
        var good = Encoded("positive", "payload_one_str_header");
        await using var reader = new EventStreamReader(new ChunkedReadStream([.. good, .. Encoded("negative", name)], 7));
        var token = TestContext.Current.CancellationToken;

        Assert.NotNull(await reader.ReadAsync(token));
        var first = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync(token));
        var again = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync(token));

        Assert.StartsWith(expected, first.Message, StringComparison.Ordinal);
        Assert.Equal(good.Length, first.Offset);
        Assert.Same(first, again);
    }

    private static string[] Names(string kind) =>
        [.. Directory.GetFiles(Path.Combine(Root, "encoded", kind)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static byte[] Encoded(string kind, string name) => File.ReadAllBytes(Path.Combine(Root, "encoded", kind, name));

    private static JsonElement Decoded(string name) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "decoded", "positive", name))).RootElement;

    /// <summary>Compares with the Go harness's JSON: CRCs are signed int32; string, byte-array and UUID values and the payload are base64.</summary>
    private static void AssertMatches(JsonElement expected, EventStreamFrame frame)
    {
        Assert.Equal(expected.GetProperty("total_length").GetInt32(), frame.TotalLength);
        Assert.Equal(expected.GetProperty("headers_length").GetInt32(), frame.HeadersLength);
        Assert.Equal(unchecked((uint)expected.GetProperty("prelude_crc").GetInt32()), frame.PreludeCrc);
        Assert.Equal(unchecked((uint)expected.GetProperty("message_crc").GetInt32()), frame.MessageCrc);
        Assert.Equal(Convert.FromBase64String(expected.GetProperty("payload").GetString()!), frame.Payload.ToArray());

        var headers = expected.TryGetProperty("headers", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : Array.Empty<JsonElement>();
        Assert.Equal(headers.Length, frame.Headers.Count);
        for (var i = 0; i < headers.Length; i++)
        {
            var want = headers[i];
            var got = frame.Headers[i];
            Assert.Equal(want.GetProperty("name").GetString(), got.Name);
            Assert.Equal(want.GetProperty("type").GetInt32(), (int)got.Type);
            var value = want.GetProperty("value");
            switch (got.Type)
            {
                case EventStreamValueType.BoolTrue or EventStreamValueType.BoolFalse: Assert.Equal(value.GetBoolean(), got.AsBoolean()); break;
                case EventStreamValueType.Byte: Assert.Equal(value.GetSByte(), got.AsByte()); break;
                case EventStreamValueType.Int16: Assert.Equal(value.GetInt16(), got.AsInt16()); break;
                case EventStreamValueType.Int32: Assert.Equal(value.GetInt32(), got.AsInt32()); break;
                case EventStreamValueType.Int64: Assert.Equal(value.GetInt64(), got.AsInt64()); break;
                case EventStreamValueType.Timestamp: Assert.Equal(value.GetInt64(), got.AsTimestampMilliseconds()); break;
                case EventStreamValueType.ByteArray: Assert.Equal(value.GetBytesFromBase64(), got.AsBytes().ToArray()); break;
                case EventStreamValueType.String: Assert.Equal(Encoding.UTF8.GetString(value.GetBytesFromBase64()), got.AsString()); break;
                case EventStreamValueType.Uuid: Assert.Equal(value.GetBytesFromBase64(), got.RawValue.ToArray()); break;
                default: Assert.Fail($"unexpected type {got.Type}"); break;
            }
        }
    }
}
