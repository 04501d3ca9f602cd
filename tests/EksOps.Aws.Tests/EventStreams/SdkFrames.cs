using EksOps.Aws.EventStreams;
using SdkHeader = Amazon.Runtime.EventStreams.EventStreamHeader;
using SdkMessage = Amazon.Runtime.EventStreams.EventStreamMessage;

namespace EksOps.Aws.Tests.EventStreams;

/// <summary>A header to encode: a name, a wire type and a value of the matching CLR type.</summary>
internal sealed record TestHeader(string Name, EventStreamValueType Type, object? Value)
{
    public override string ToString() => $"{Name}:{Type}={(Value is byte[] b ? Convert.ToHexString(b) : Value)}";
}

/// <summary>A message to encode.</summary>
internal sealed record TestMessage(IReadOnlyList<TestHeader> Headers, byte[] Payload)
{
    public override string ToString() => $"[{string.Join(", ", Headers)}] payload {Payload.Length} B";
}

/// <summary>Event-stream messages encoded by AWSSDK.Core's own encoder (<c>EventStreamMessage.ToByteArray</c>), the independent side of every round trip.</summary>
internal static class SdkFrames
{
    private static readonly DateTime UnixEpoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static byte[] Encode(TestMessage message)
    {
        var headers = new List<Amazon.Runtime.EventStreams.IEventStreamHeader>();
        foreach (var header in message.Headers)
        {
            var sdk = new SdkHeader(header.Name);
            switch (header.Type)
            {
                case EventStreamValueType.BoolTrue: sdk.SetBool(true); break;
                case EventStreamValueType.BoolFalse: sdk.SetBool(false); break;
                case EventStreamValueType.Byte: sdk.SetSByte((sbyte)header.Value!); break;
                case EventStreamValueType.Int16: sdk.SetInt16((short)header.Value!); break;
                case EventStreamValueType.Int32: sdk.SetInt32((int)header.Value!); break;
                case EventStreamValueType.Int64: sdk.SetInt64((long)header.Value!); break;
                case EventStreamValueType.ByteArray: sdk.SetByteBuf((byte[])header.Value!); break;
                case EventStreamValueType.String: sdk.SetString((string)header.Value!); break;
                case EventStreamValueType.Timestamp: sdk.SetTimestamp(UnixEpoch.AddMilliseconds((long)header.Value!)); break;
                case EventStreamValueType.Uuid: sdk.SetUUID((Guid)header.Value!); break;
                default: throw new ArgumentOutOfRangeException(nameof(message), header.Type, "unknown type");
            }

            headers.Add(sdk);
        }

        return new SdkMessage(headers, message.Payload).ToByteArray();
    }

    /// <summary>Asserts that <paramref name="frame"/> is exactly <paramref name="expected"/>, type by type.</summary>
    public static void AssertDecodedAs(TestMessage expected, EventStreamFrame frame)
    {
        Assert.Equal(expected.Payload, frame.Payload.ToArray());
        Assert.Equal(expected.Headers.Count, frame.Headers.Count);
        for (var i = 0; i < expected.Headers.Count; i++)
        {
            var want = expected.Headers[i];
            var got = frame.Headers[i];
            Assert.Equal(want.Name, got.Name);
            Assert.Equal(want.Type, got.Type);
            switch (want.Type)
            {
                case EventStreamValueType.BoolTrue: Assert.True(got.AsBoolean()); break;
                case EventStreamValueType.BoolFalse: Assert.False(got.AsBoolean()); break;
                case EventStreamValueType.Byte: Assert.Equal((sbyte)want.Value!, got.AsByte()); break;
                case EventStreamValueType.Int16: Assert.Equal((short)want.Value!, got.AsInt16()); break;
                case EventStreamValueType.Int32: Assert.Equal((int)want.Value!, got.AsInt32()); break;
                case EventStreamValueType.Int64: Assert.Equal((long)want.Value!, got.AsInt64()); break;
                case EventStreamValueType.ByteArray: Assert.Equal((byte[])want.Value!, got.AsBytes().ToArray()); break;
                case EventStreamValueType.String: Assert.Equal((string)want.Value!, got.AsString()); break;
                case EventStreamValueType.Timestamp: Assert.Equal((long)want.Value!, got.AsTimestampMilliseconds()); break;
                // AWSSDK.Core writes Guid.ToByteArray() (mixed-endian) on the wire; compare the raw 16 bytes.
                case EventStreamValueType.Uuid: Assert.Equal(((Guid)want.Value!).ToByteArray(), got.RawValue.ToArray()); break;
                default: throw new ArgumentOutOfRangeException(nameof(expected), want.Type, "unknown type");
            }
        }
    }
}
