using System.Buffers.Binary;
using System.IO.Hashing;

namespace EksOps.Aws.Tests.EventStreams;

/// <summary>Hand-built messages with correct CRCs around whatever header bytes a test wants, valid or not.</summary>
internal static class RawFrames
{
    public static byte[] Build(ReadOnlySpan<byte> headerBlock, ReadOnlySpan<byte> payload)
    {
        var total = 16 + headerBlock.Length + payload.Length;
        var message = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(message, total);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), headerBlock.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), Crc32.HashToUInt32(message.AsSpan(0, 8)));
        headerBlock.CopyTo(message.AsSpan(12));
        payload.CopyTo(message.AsSpan(12 + headerBlock.Length));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(total - 4), Crc32.HashToUInt32(message.AsSpan(0, total - 4)));
        return message;
    }

    /// <summary>A prelude (with a correct prelude CRC) announcing the given lengths, and nothing after it.</summary>
    public static byte[] Prelude(uint totalLength, uint headersLength)
    {
        var prelude = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(prelude, totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(4), headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32.HashToUInt32(prelude.AsSpan(0, 8)));
        return prelude;
    }
}
